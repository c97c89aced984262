using Vigie.Server.Cli;

return await VigieCommandLine.RunAsync(args).ConfigureAwait(false);
