using System.CommandLine;

namespace Vigie.Server.Cli;

/// <summary>Options shared by several verbs, so every verb spells them the same way.</summary>
internal static class CommonOptions
{
    public static Option<string> Data() => new("--data")
    {
        Description = "Data folder (SQLite database, keys, recordings)",
        DefaultValueFactory = _ => "data",
    };

    public static Option<string> Urls() => new("--urls")
    {
        Description = "Address(es) to listen on, separated by ';'",
        DefaultValueFactory = _ => Hosting.VigieHostOptions.DefaultUrls,
    };

    public static Option<string?> Database() => new("--db")
    {
        Description = "Database: postgres://user:password@host:port/database (default: SQLite in the data folder). Also read from VIGIE_DB.",
    };

    public static string? DatabaseValue(ParseResult result, Option<string?> option) =>
        result.GetValue(option) ?? Environment.GetEnvironmentVariable("VIGIE_DB");
}
