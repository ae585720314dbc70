namespace WitBindgen.Generator.Tests.Infrastructure;

/// <summary>A fenced code block of a Markdown file, with its language and its text (list indentation removed).</summary>
/// <param name="Language">The word after the opening fence (<c>xml</c>, <c>wit</c>, <c>csharp</c>, …).</param>
/// <param name="Text">The lines between the fences.</param>
public sealed record CodeBlock(string Language, string Text);

/// <summary>Reads the code blocks of one <c>## </c> section of a Markdown file, as a reader copies them.</summary>
public static class ReadmeSection
{
    /// <summary>The code blocks of the section headed <c>## <paramref name="heading"/></c>, in order.</summary>
    public static IReadOnlyList<CodeBlock> CodeBlocks(string markdownPath, string heading)
    {
        var lines = File.ReadAllLines(markdownPath);
        var start = Array.FindIndex(lines, l => l.TrimEnd() == "## " + heading);
        if (start < 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(markdownPath)} has no '## {heading}' section");
        }

        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        if (end < 0)
        {
            end = lines.Length;
        }

        var blocks = new List<CodeBlock>();
        for (var i = start + 1; i < end; i++)
        {
            var open = lines[i].TrimStart();
            if (!open.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var indent = lines[i].Length - open.Length;
            var body = new List<string>();
            for (i++; i < end && lines[i].Trim() != "```"; i++)
            {
                // A block inside a list item is indented as far as its fence; a reader copies it without that.
                var line = lines[i];
                var strip = 0;
                while (strip < indent && strip < line.Length && line[strip] == ' ')
                {
                    strip++;
                }

                body.Add(line[strip..]);
            }

            if (i >= end)
            {
                throw new InvalidOperationException($"an unclosed code block in '## {heading}'");
            }

            blocks.Add(new CodeBlock(open[3..].Trim(), string.Join('\n', body) + "\n"));
        }

        return blocks;
    }
}
