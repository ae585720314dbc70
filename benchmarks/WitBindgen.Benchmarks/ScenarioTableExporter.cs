using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;

namespace WitBindgen.Benchmarks;

/// <summary>
/// Writes the table <c>docs/benchmarks.md</c> quotes, from the run itself: one row per scenario (benchmark
/// category), with the median and allocation of its three columns — the methods named <c>…Generated</c> (our
/// generated bindings), <c>…Wasmtime</c> (<c>Wasmtime.Components</c>' dynamic API) and <c>…Core</c> (the core
/// floor) — and the two ratios: how many times faster than the dynamic API, and how many times the floor's cost.
/// The machine note BenchmarkDotNet collected comes first. Written to <c>results/*-scenarios.md</c>.
/// </summary>
public sealed class ScenarioTableExporter : ExporterBase
{
    /// <inheritdoc />
    protected override string FileExtension => "md";

    /// <inheritdoc />
    protected override string FileCaption => "scenarios";

    /// <inheritdoc />
    public override void ExportToLog(Summary summary, ILogger logger)
    {
        logger.WriteLine("```text");
        foreach (var line in summary.HostEnvironmentInfo.ToFormattedString())
        {
            logger.WriteLine(line);
        }

        logger.WriteLine(summary.AllRuntimes);
        logger.WriteLine("```");
        logger.WriteLine();
        logger.WriteLine("| Scenario | Generated bindings (median) | Allocated | Wasmtime.Components (median) | Allocated | × faster than Wasmtime.Components | Raw core call (median) | × the raw core call |");
        logger.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var rows = summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .GroupBy(r => r.BenchmarkCase.Descriptor.Categories.FirstOrDefault() ?? r.BenchmarkCase.Descriptor.WorkloadMethod.Name)
            .OrderBy(g => g.Min(r => r.BenchmarkCase.Descriptor.MethodIndex)); // the order the class declares them in
        foreach (var row in rows)
        {
            var ours = Find(row, "Generated");
            var theirs = Find(row, "Wasmtime");
            var floor = Find(row, "Core");
            logger.WriteLine(string.Join(" | ", new[]
            {
                "| " + row.Key,
                Time(ours),
                Bytes(ours),
                Time(theirs),
                Bytes(theirs),
                Ratio(theirs, ours),
                Time(floor),
                Ratio(ours, floor) + " |",
            }));
        }
    }

    private static BenchmarkReport? Find(IEnumerable<BenchmarkReport> reports, string suffix) =>
        reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name.EndsWith(suffix, StringComparison.Ordinal));

    private static double? Median(BenchmarkReport? report) => report?.ResultStatistics?.Median;

    private static string Time(BenchmarkReport? report) => Median(report) is { } ns ? FormatTime(ns) : "—";

    private static string Bytes(BenchmarkReport? report)
    {
        if (report is null)
        {
            return "—";
        }

        var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
        return bytes is null ? "?" : string.Format(CultureInfo.InvariantCulture, "{0:N0} B", bytes);
    }

    /// <summary><paramref name="slow"/>'s median over <paramref name="fast"/>'s.</summary>
    private static string Ratio(BenchmarkReport? slow, BenchmarkReport? fast)
    {
        if (Median(slow) is not { } s || Median(fast) is not { } f || f <= 0)
        {
            return "—";
        }

        var ratio = s / f;
        var format = ratio >= 100 ? "{0:N0}×" : ratio >= 10 ? "{0:N1}×" : "{0:N2}×";
        return string.Format(CultureInfo.InvariantCulture, format, ratio);
    }

    private static string FormatTime(double ns) => ns switch
    {
        < 1_000 => string.Format(CultureInfo.InvariantCulture, "{0:N1} ns", ns),
        < 1_000_000 => string.Format(CultureInfo.InvariantCulture, "{0:N2} µs", ns / 1_000),
        _ => string.Format(CultureInfo.InvariantCulture, "{0:N2} ms", ns / 1_000_000),
    };
}

/// <summary>The default configuration plus <see cref="ScenarioTableExporter"/>.</summary>
public sealed class ScenarioTableConfig : ManualConfig
{
    /// <summary>Adds the exporter.</summary>
    public ScenarioTableConfig() => AddExporter(new ScenarioTableExporter());
}
