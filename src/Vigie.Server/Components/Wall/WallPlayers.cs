using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Vigie.Server.Components.Wall;

/// <summary>
/// The wall's live players in the browser (wwwroot/js/live-player.js): one per tile, started and stopped by
/// tile index; each reports its state changes back here, and they are handed to <see cref="StateChanged"/>.
/// Nothing is played before <see cref="StartAsync"/> (the first render has to give the tiles their videos).
/// </summary>
public sealed class WallPlayers(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private DotNetObjectReference<WallPlayers>? _self;

    /// <summary>A tile's player changed state (tile index, state).</summary>
    public Func<int, string, Task>? StateChanged { get; set; }

    public bool Started => _module is not null;

    public async Task StartAsync()
    {
        _self ??= DotNetObjectReference.Create(this);
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/live-player.js");
    }

    public async Task PlayAsync(int tile, ElementReference video, Guid camera)
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("play", tile, video, camera, _self);
        }
    }

    public async Task StopAsync(int tile)
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("stopTile", tile);
        }
    }

    public async Task FullscreenAsync(ElementReference tile)
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("fullscreen", tile);
        }
    }

    [JSInvokable]
    public Task OnLiveState(int tile, string state) => StateChanged?.Invoke(tile, state) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone: its sockets close with it.
            }
        }

        _self?.Dispose();
    }
}
