using System.CommandLine;

namespace Vigie.Server.Cli;

/// <summary>The `vigie` command: one verb per task, `--help` on each.</summary>
public static class VigieCommandLine
{
    public static RootCommand Build() => new("Vigie — video-protection operations centre")
    {
        ServeCommand.Create("serve", demo: false),
        ServeCommand.Create("demo", demo: true),
        AdminCommand.Create(),
        AccountsCommand.Create(),
        SourcesCommand.Create(),
        PanelsimCommand.Create(),
        LogbookCommand.Create(),
        CamsimCommand.Create(),
        RecordCommand.Create(),
        AnalyticsCommand.Create(),
        EvidenceCommand.Create(),
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build();
        var result = root.Parse(args);
        if (args.Length == 0)
        {
            result = root.Parse(["--help"]);
        }

        return await result.InvokeAsync().ConfigureAwait(false);
    }
}
