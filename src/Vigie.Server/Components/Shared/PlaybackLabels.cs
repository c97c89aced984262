using Vigie.Server.Localization;

namespace Vigie.Server.Components.Shared;

/// <summary>The texts the playback player (wwwroot/js/playback.js) shows, in the console's language.</summary>
public static class PlaybackLabels
{
    public static object Of(UiText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new
        {
            play = text["playback.play_button"],
            pause = text["playback.pause"],
            stepBack = text["playback.step_back"],
            stepForward = text["playback.step_forward"],
            speed = text["playback.speed"],
            earlier = text["playback.earlier"],
            later = text["playback.later"],
            zoomIn = text["playback.zoom_in"],
            zoomOut = text["playback.zoom_out"],
            timeline = text["playback.timeline"],
            recorded = text["playback.legend_recorded"],
            gap = text["playback.legend_gap"],
            motion = text["playback.legend_motion"],
            nothing = text["playback.legend_nothing"],
            recordedAt = text["playback.recorded_at"],
            parisTime = text["recordings.paris_time"],
            laterStart = text["playback.later_start"],
            cameraLater = text["playback.camera_later"],
            nothingAfter = text["playback.nothing_after"],
            playFrom = text["playback.play_from"],
            noRecording = text["playback.no_recording"],
            connectionLost = text["playback.connection_lost"],
            retryNow = text["playback.retry_now"],
            signedOut = text["playback.signed_out"],
            forbidden = text["playback.forbidden"],
            masked = text["playback.masked"],
            states = new Dictionary<string, string>
            {
                ["loading"] = text["playback.state_loading"],
                ["ready"] = string.Empty,
                ["none"] = text["playback.state_none"],
                ["empty"] = text["playback.state_empty"],
                ["error"] = text["playback.state_error"],
                ["denied"] = text["playback.state_denied"],
                ["unsupported"] = text["wall.state_unsupported"],
            },
        };
    }
}
