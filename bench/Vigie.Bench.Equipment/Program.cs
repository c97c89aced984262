using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigie.Bench;
using Vigie.Bench.Equipment;
using Vigie.Domain;
using Vigie.Domain.Alarms;
using Vigie.Domain.Cameras;
using Vigie.Domain.Equipment;
using Vigie.Domain.People;
using Vigie.Media.Cameras;
using Vigie.Server.Features.Equipment;
using Vigie.Server.Recording;
using Vigie.Storage.Database;
using Vigie.Testing;

// Issue 15's benchmarks, against the in-process host and Debian's Chromium:
//  1. the equipment supervision loop's CPU per device: process CPU over --passes passes run back to back with --cameras
//     cameras and --transmitters transmitters supervised, less the same passes with none (the baseline, same host), per
//     pass and device (the host's own background work runs meanwhile, in both);
//  2. a camera's fault (its recorder reports it offline) → the technical alarm's row visible in an operator's alarm queue
//     in Chromium: p50 / p99 / max over --faults faults.
//   dotnet run -c Release --project bench/Vigie.Bench.Equipment -- [--cameras 800] [--transmitters 200] [--passes 300] [--faults 20] [--runs 3]
var cameraCount = Int("--cameras", 800);
var transmitterCount = Int("--transmitters", 200);
var passCount = Int("--passes", 300);
var faults = Int("--faults", 20);
var runs = Int("--runs", 3);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {cameraCount} cameras + {transmitterCount} transmitters, passes {passCount}, faults {faults}, runs {runs}");

var cameras = new BenchCameras();
await using var host = await TestHost.StartAsync(now: TimeProvider.System.GetUtcNow(), configure: o => o with
{
    Time = TimeProvider.System,
    Settings = new Dictionary<string, string?>
    {
        ["Equipment:RaiseAfter"] = "00:00:00",
        ["Equipment:RestoreAfter"] = "00:00:05",
        ["Equipment:InventoryRefresh"] = "00:00:10",
    },
}, services: s => s.AddSingleton<ICameraRecorders>(cameras));
var supervisor = host.Service<EquipmentSupervisor>();

// 1. CPU per device: the baseline (the server alone), then the devices added, alternately in each run.
var site = await host.CreateSiteAsync("Banc d'essai");
var ids = new List<CameraId>();
var perDevice = new List<double>();
var passMs = new List<double>();
for (var run = 1; run <= runs; run++)
{
    await SetDevicesAsync(present: false);
    var (baseCpu, basePasses, _) = await WindowAsync();
    await SetDevicesAsync(present: true);
    var (cpu, passes, devices) = await WindowAsync();
    var loop = (cpu / passes) - (baseCpu / basePasses);
    perDevice.Add(loop.TotalMicroseconds / devices);
    passMs.Add(cpu.TotalMilliseconds / passes);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {run}: {devices} devices, {passes} passes, {cpu.TotalMilliseconds / passes:0.00} ms CPU per pass (baseline {baseCpu.TotalMilliseconds / basePasses:0.00} ms), {perDevice[^1]:0.0} µs per device per pass"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| supervision loop, {cameraCount + transmitterCount} devices, one pass every 0.5 s (the default) | {Percentiles.Median(perDevice):0.0} µs CPU per device per pass, {Percentiles.Median(passMs):0.0} ms per pass ({Percentiles.Median(passMs) * 2 / 10:0.00} % of a core at two passes a second) |"));

// 2. Fault → row in an operator's console.
await host.CreatePersonAsync("bench", Role.Operator, [site]);
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
});
var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
var page = await context.NewPageAsync();
await page.GotoAsync("/login");
await page.GetByLabel("Identifiant").FillAsync("bench");
await page.GetByLabel("Mot de passe").FillAsync(TestHost.Password);
await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
await page.GotoAsync("/alarmes");
await page.WaitForFunctionAsync("() => window.vigieCircuit === 'connected' && document.querySelector('[data-testid=open-count]') !== null");
await page.EvaluateAsync("""
    () => {
      window.__seen = {};
      const note = row => { const m = /zone (\S+)/.exec(row.textContent); if (m && window.__seen[m[1]] === undefined) window.__seen[m[1]] = performance.timeOrigin + performance.now(); };
      document.querySelectorAll('tr.alarm-row').forEach(note);
      new MutationObserver(list => { for (const r of list) for (const n of r.addedNodes) { if (n.nodeType !== 1) continue; if (n.matches('tr.alarm-row')) note(n); n.querySelectorAll?.('tr.alarm-row').forEach(note); } })
        .observe(document.body, { childList: true, subtree: true });
    }
    """);

var latencies = new List<double>();
var random = new Random(15);
for (var f = 0; f <= faults; f++)
{
    var camera = ids[random.Next(ids.Count)];
    var zone = EquipmentSupervisor.ZoneOf(DeviceKeys.Camera(camera), "camera.offline");
    // At a random point of the loop's interval, as a real fault would.
    await Task.Delay(random.Next(500, 1500));
    var at = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
    cameras.SetDown(camera, down: true);
    await page.WaitForFunctionAsync($"() => window.__seen['{zone}'] !== undefined", null, new() { Timeout = 30_000 });
    var seen = await page.EvaluateAsync<double>($"() => window.__seen['{zone}']") - at;
    cameras.SetDown(camera, down: false);
    if (f > 0)
    {
        // The first, not counted: the first technical alarm of a host runs its code paths for the first time (JIT).
        latencies.Add(seen);
    }
}

latencies.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| camera fault → technical alarm row in the console ({faults} faults, one pass every 0.5 s (the default)) | p50 {Percentiles.Median(latencies):0} ms, p99 {Percentiles.Of(latencies, 99):0} ms, max {latencies[^1]:0} ms |"));
return;

// Adds the devices (once) or hides them: cameras and transmitters deleted from or put back in the database.
async Task SetDevicesAsync(bool present)
{
    await using (var db = host.Service<VigieDbFactory>().CreateDbContext())
    {
        if (!present)
        {
            db.Cameras.RemoveRange(db.Cameras);
            db.TransmitterAccounts.RemoveRange(db.TransmitterAccounts);
            ids.Clear();
        }
        else
        {
            for (var i = 0; i < cameraCount; i++)
            {
                var camera = new Camera(CameraId.New(), new SiteId(site.Id), $"Caméra {i + 1:D4}", $"rtsp://10.0.{i / 250}.{(i % 250) + 1}/stream1");
                db.Cameras.Add(camera);
                ids.Add(camera.Id);
            }

            for (var i = 0; i < transmitterCount; i++)
            {
                db.TransmitterAccounts.Add(new TransmitterAccount($"B{i:D4}", new SiteId(site.Id), null, TimeSpan.FromMinutes(15), TimeProvider.System.GetUtcNow()));
            }
        }

        await db.SaveChangesAsync();
    }

    host.Service<CameraChanges>().Notify();
    await Task.Delay(TimeSpan.FromSeconds(3));
}

// Process CPU over passes run back to back (the loop's own passes, one a second, are among them).
async Task<(TimeSpan Cpu, long Passes, int Devices)> WindowAsync()
{
    await supervisor.RunOnceAsync(CancellationToken.None);
    using var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var passes = supervisor.Passes;
    for (var i = 0; i < passCount; i++)
    {
        await supervisor.RunOnceAsync(CancellationToken.None);
    }

    process.Refresh();
    return (process.TotalProcessorTime - cpu, supervisor.Passes - passes, supervisor.Devices.Count);
}

int Int(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
