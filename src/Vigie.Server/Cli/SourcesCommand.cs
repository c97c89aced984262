using System.CommandLine;
using Vigie.Domain;
using Vigie.Server.Alarms;
using Vigie.Server.Security;
using Vigie.Storage.Database;

namespace Vigie.Server.Cli;

/// <summary>`vigie sources`: declares the webhook and MQTT sources of JSON alarms, from the server's shell. A running host picks changes up within 5 s.</summary>
internal static class SourcesCommand
{
    public static Command Create()
    {
        var addWebhook = new Command("add-webhook", "Declare a webhook source; prints its bearer token once (only its hash is kept)");
        var webhookName = NameOption();
        var webhookSites = SitesOption();
        Add(addWebhook, webhookName, webhookSites);
        addWebhook.SetAction((result, cancellationToken) => RunAsync(addWebhook, result, async (registry, author) =>
        {
            var created = await registry.AddWebhookAsync(result.GetValue(webhookName)!, result.GetValue(webhookSites)!, author, cancellationToken).ConfigureAwait(false);
            PrintToken(created);
            return 0;
        }, cancellationToken));

        var addMqtt = new Command("add-mqtt", "Declare an MQTT source: Vigie subscribes to the topic filter with QoS 1 (the password is stored encrypted)");
        var mqttName = NameOption();
        var mqttSites = SitesOption();
        var broker = new Option<string>("--broker") { Description = "Broker: mqtt://host[:1883] or mqtts://host[:8883]", Required = true };
        var topic = new Option<string>("--topic") { Description = "Topic filter, e.g. 'alarms/#'", Required = true };
        var username = new Option<string?>("--username") { Description = "User name on the broker" };
        var passwordFile = new Option<FileInfo?>("--password-file") { Description = "File holding the broker password (first line); never pass a password on the command line" };
        Add(addMqtt, mqttName, mqttSites, broker, topic, username, passwordFile);
        addMqtt.SetAction((result, cancellationToken) => RunAsync(addMqtt, result, async (registry, author) =>
        {
            string? password = null;
            if (result.GetValue(passwordFile) is { } file)
            {
                password = (await File.ReadAllLinesAsync(file.FullName, cancellationToken).ConfigureAwait(false)).FirstOrDefault()?.TrimEnd('\r');
            }

            var created = await registry.AddMqttAsync(result.GetValue(mqttName)!, result.GetValue(mqttSites)!, result.GetValue(broker)!, result.GetValue(topic)!,
                result.GetValue(username), password, author, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"MQTT source {created.Name}: {created.Broker} topic '{created.TopicFilter}' → {string.Join(", ", created.Sites)}{(created.HasPassword ? " (password stored encrypted)" : string.Empty)}.");
            return 0;
        }, cancellationToken));

        var list = new Command("list", "List the intake sources (never a token or a password)");
        Add(list);
        list.SetAction((result, cancellationToken) => RunAsync(list, result, async (registry, _) =>
        {
            var sources = await registry.ListAsync(null, cancellationToken).ConfigureAwait(false);
            if (sources.Count == 0)
            {
                Console.WriteLine("No intake source.");
            }

            foreach (var s in sources)
            {
                var where = s.Kind == "webhook" ? $"POST {s.WebhookPath}" : $"{s.Broker} topic '{s.TopicFilter}'{(s.Username is null ? string.Empty : $" as {s.Username}")}";
                Console.WriteLine($"{s.Name}\t{s.Kind}\t{(s.Enabled ? "enabled" : "disabled")}\t{where}\t→ {string.Join(", ", s.Sites)}");
            }

            return 0;
        }, cancellationToken));

        var enable = Toggle("enable", "Enable a source (webhook calls accepted, MQTT subscribed)", true);
        var disable = Toggle("disable", "Disable a source (webhook calls refused with 401, MQTT unsubscribed)", false);

        var newToken = new Command("new-token", "Give a webhook source a new token (printed once); the old one stops working");
        var tokenName = NameOption();
        Add(newToken, tokenName);
        newToken.SetAction((result, cancellationToken) => RunAsync(newToken, result, async (registry, author) =>
        {
            PrintToken(await registry.ReplaceTokenAsync(result.GetValue(tokenName)!, author, cancellationToken).ConfigureAwait(false));
            return 0;
        }, cancellationToken));

        return new Command("sources", "Webhook and MQTT sources of JSON alarms (see docs/alarms.md)") { addWebhook, addMqtt, list, enable, disable, newToken };
    }

    private static Command Toggle(string verb, string description, bool enabled)
    {
        var command = new Command(verb, description);
        var name = NameOption();
        Add(command, name);
        command.SetAction((result, cancellationToken) => RunAsync(command, result, async (registry, author) =>
        {
            var source = await registry.EnableAsync(result.GetValue(name)!, enabled, author, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Source {source.Name}: {(source.Enabled ? "enabled" : "disabled")}.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Option<string> NameOption() => new("--name") { Description = "Source name: lower-case letters, digits, '-', '_', '.' (part of the webhook URL)", Required = true };

    private static Option<string[]> SitesOption() => new("--site")
    {
        Description = "Site name or id; repeat for a source that posts for several sites (the first is the default)",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };

    private static void Add(Command command, params Option[] options)
    {
        command.Options.Add(CommonOptions.Data());
        command.Options.Add(CommonOptions.Database());
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
    }

    private static void PrintToken(NewWebhookSource created)
    {
        Console.WriteLine($"Webhook source {created.Source.Name} → {string.Join(", ", created.Source.Sites)}: POST {created.Source.WebhookPath}");
        Console.WriteLine($"Token (shown once, keep it in the sender's configuration): {created.Token}");
    }

    private static async Task<int> RunAsync(Command command, ParseResult result, Func<IntakeSourceRegistry, string, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            var data = result.GetValue<string>("--data")!;
            var database = result.GetValue<string?>("--db") ?? Environment.GetEnvironmentVariable("VIGIE_DB");
            await using var storage = await CliStorage.OpenAsync(data, database, cancellationToken).ConfigureAwait(false);
            var registry = new IntakeSourceRegistry(storage.Factory, new SecretProtector(storage.Protection), storage.Audit, Hosting.SystemClocks.Wall);
            return await action(registry, $"vigie sources {command.Name} ({Environment.UserName})").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StorageUnavailableException or ArgumentException or DomainException or NotFoundException or IOException)
        {
            await Console.Error.WriteLineAsync($"vigie: {ex.Message}").ConfigureAwait(false);
            return ex is NotFoundException ? 1 : 2;
        }
    }
}
