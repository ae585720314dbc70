using WitBindgen.Cli;

return CommandLine.Run(args, Console.Out, Console.Error, errorIsTerminal: !Console.IsErrorRedirected);
