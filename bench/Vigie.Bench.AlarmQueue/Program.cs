using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Vigie.Alarms.Dc09;
using Vigie.Bench;
using Vigie.Domain;
using Vigie.Domain.Alarms;
using Vigie.Domain.People;
using Vigie.Server.Alarms;
using Vigie.Server.Features.Alarms;
using Vigie.Storage.Alarms;
using Vigie.Storage.Database;
using Vigie.Testing;

// Alarm queue benchmarks (issue 12, alarm handling), in Debian's Chromium against the in-process host:
//  1. a DC-09 frame received → its alarm row visible in every one of N consoles (default 20): p50 / p99 / max;
//  2. with Q open alarms (default 10,000): the queue page rendered (navigation → rows shown, count right), and a
//     new alarm (a P1, at the top of the queue) shown after its frame.
//   dotnet run -c Release --project bench/Vigie.Bench.AlarmQueue -- [--consoles 20] [--frames 30] [--open 10000] [--runs 5]
var consoles = Int("--consoles", 20);
var frames = Int("--frames", 30);
var openAlarms = Int("--open", 10_000);
var runs = Int("--runs", 5);
var verbose = args.Contains("--verbose");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}; consoles {consoles}, frames {frames}, open alarms {openAlarms}, runs {runs}");

await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with { Dc09Port = 0, Time = TimeProvider.System });
var site = await host.CreateSiteAsync("Banc d'essai");
await host.Service<TransmitterAccountRegistry>().SaveAsync("BE01", site.Name, null, TimeSpan.FromMinutes(15), "bench", CancellationToken.None);
await host.Service<AccountDirectory>().ReloadAsync(CancellationToken.None);
await host.CreatePersonAsync("bench", Role.Operator, [site]);
var intake = host.Service<AlarmIntakeService>();
await intake.Ready.WaitAsync(TimeSpan.FromSeconds(20));
var port = intake.Dc09Port!.Value;
var sequence = 0;

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
});

// 1. Frame → row, N consoles.
var pages = new List<IPage>();
for (var i = 0; i < consoles; i++)
{
    pages.Add(await OpenQueueAsync());
}

// One frame first, not counted: the first alarm of a host runs its code paths for the first time (JIT).
await SendAsync("BA", "999");
foreach (var page in pages)
{
    await page.WaitForFunctionAsync("() => window.__seen && window.__seen['999'] !== undefined", null, new() { Timeout = 30_000 });
}

var latencies = new List<double>();
for (var f = 0; f < frames; f++)
{
    var zone = (f + 1).ToString("D3", CultureInfo.InvariantCulture);
    var sent = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
    await SendAsync("BA", zone);
    var frame = new List<double>();
    foreach (var page in pages)
    {
        await page.WaitForFunctionAsync($"() => window.__seen && window.__seen['{zone}'] !== undefined", null, new() { Timeout = 30_000 });
        frame.Add(await page.EvaluateAsync<double>($"() => window.__seen['{zone}']") - sent);
    }

    latencies.AddRange(frame);
    if (verbose)
    {
        Console.WriteLine($"  frame {f + 1}: min {frame.Min():F0} ms, median {Percentiles.Median(frame):F0} ms, max {frame.Max():F0} ms");
    }

    await Task.Delay(500);
}

Console.WriteLine($"frame → row in {consoles} consoles: p50 {Percentiles.Of(latencies, 50):F0} ms, p99 {Percentiles.Of(latencies, 99):F0} ms, max {latencies.Max():F0} ms ({latencies.Count} samples)");
foreach (var page in pages)
{
    await page.Context.CloseAsync();
}

// 2. Q open alarms: the queue renders, and a new one shows.
var clock = Stopwatch.StartNew();
var signals = Enumerable.Range(0, openAlarms).Select(i => new AlarmSignal("bench", TimeProvider.System.GetUtcNow(), new SiteId(site.Id), "BE01", "BA",
    AlarmCategory.Intrusion, false, 2 + (i % 3), "Alarme intrusion", "Burglary", "bench") { Zone = $"Q{i:D5}" }).ToList();
foreach (var chunk in signals.Chunk(2000))
{
    await AlarmSignalInserter.InsertAsync(host.Service<VigieDbFactory>(), chunk, CancellationToken.None);
}

await host.Service<AlarmOpener>().CatchUpAsync(CancellationToken.None);
Console.WriteLine($"{openAlarms} alarms opened in {clock.Elapsed.TotalSeconds:F1} s");

var renders = new List<double>();
var shows = new List<double>();
var total = openAlarms + frames + 1;
var queue = await OpenQueueAsync();
for (var r = 0; r < runs; r++)
{
    var watch = Stopwatch.StartNew();
    await queue.GotoAsync("/alarmes");
    try
    {
        await queue.WaitForFunctionAsync($"() => document.querySelector('[data-testid=open-count]')?.textContent === '{total}' && document.querySelectorAll('tr.alarm-row').length > 10", null, new() { Timeout = 60_000 });
    }
    catch (TimeoutException)
    {
        Console.WriteLine($"the queue shows {await queue.EvaluateAsync<string>("() => document.querySelector('[data-testid=open-count]')?.textContent")} open alarms, {total} expected");
        throw;
    }

    renders.Add(watch.Elapsed.TotalMilliseconds);
    await Observe(queue);
    var zone = (900 + r).ToString("D3", CultureInfo.InvariantCulture);
    var sent = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
    await SendAsync("HA", zone);
    await queue.WaitForFunctionAsync($"() => window.__seen && window.__seen['{zone}'] !== undefined", null, new() { Timeout = 30_000 });
    shows.Add(await queue.EvaluateAsync<double>($"() => window.__seen['{zone}']") - sent);
    total++;
}

Console.WriteLine($"queue of {openAlarms}+ open alarms rendered: median {Percentiles.Median(renders):F0} ms (runs: {string.Join(", ", renders.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))})");
Console.WriteLine($"new P1 alarm shown with {openAlarms}+ open: median {Percentiles.Median(shows):F0} ms (runs: {string.Join(", ", shows.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))})");
return 0;

async Task<IPage> OpenQueueAsync()
{
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
    var page = await context.NewPageAsync();
    await page.GotoAsync("/login");
    await page.GetByLabel("Identifiant").FillAsync("bench");
    await page.GetByLabel("Mot de passe").FillAsync(TestHost.Password);
    await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
    await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
    await page.GotoAsync("/alarmes");
    await page.WaitForFunctionAsync("() => window.vigieCircuit === 'connected' && document.querySelector('[data-testid=open-count]') !== null");
    await Observe(page);
    return page;
}

// Records, in the page, the first time (epoch ms) a row of each zone appears.
static Task Observe(IPage page) => page.EvaluateAsync("""
    () => {
      window.__seen = window.__seen || {};
      const note = row => { const m = /zone (\S+)/.exec(row.textContent); if (m && window.__seen[m[1]] === undefined) window.__seen[m[1]] = performance.timeOrigin + performance.now(); };
      document.querySelectorAll('tr.alarm-row').forEach(note);
      new MutationObserver(list => { for (const r of list) for (const n of r.addedNodes) { if (n.nodeType !== 1) continue; if (n.matches('tr.alarm-row')) note(n); n.querySelectorAll?.('tr.alarm-row').forEach(note); } })
        .observe(document.body, { childList: true, subtree: true });
    }
    """);

async Task SendAsync(string code, string zone)
{
    sequence = sequence % 9999 + 1;
    var frame = Dc09FrameWriter.Write(Dc09Frame.SiaDcs, sequence, null, "0", "BE01", $"#BE01|Nri1/{code}{zone}]" + Dc09Timestamp.Write(TimeProvider.System.GetUtcNow()));
    var answer = await Dc09TestClient.SendAsync(port, frame, null, CancellationToken.None);
    if (answer.Type != Dc09Frame.Ack)
    {
        throw new InvalidOperationException($"frame for zone {zone} answered {answer.Type}");
    }
}

int Int(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
