using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(WitBindgen.Benchmarks.ParserBenchmarks).Assembly).Run(args);
