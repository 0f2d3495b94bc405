import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ReplayCommand, ReplayStatus, StatusResponse } from '@starmap/core';
import { queryKeys } from '../api/queries';
import { useNow } from '../state/useNow';
import { sendReplayCommand } from './replayApi';
import { currentReplayTime, formatOffset, formatRecordedTime, formatSpeed, REPLAY_SPEEDS, seekStep } from './replayFormat';

/** The slider waits this long after the last move before seeking (dragging sends one seek, not hundreds). */
const SEEK_SETTLE_MS = 250;

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/**
 * The timeline of `starmap start --replay FILE`: play/pause, speed, seek, loop, and where the
 * recording stands. Every view follows it, since they all read the replayed stream.
 */
export function ReplayBar({ replay, reportedAt }: { replay: ReplayStatus; reportedAt: number }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [seekDraft, setSeekDraft] = useState<number | null>(null);
  const settle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const now = useNow(200, replay.playing && !replay.ended);
  const span = Math.max(0, replay.end - replay.start);
  const time = seekDraft ?? currentReplayTime(replay, reportedAt, Math.max(now, reportedAt));

  useEffect(() => () => {
    if (settle.current) clearTimeout(settle.current);
  }, []);

  const send = async (command: ReplayCommand) => {
    setBusy(true);
    try {
      const next = await sendReplayCommand(command);
      setError(null);
      // Show the new state at once rather than at the next status report.
      queryClient.setQueryData<StatusResponse>(queryKeys.status(), (old) => (old ? { ...old, replay: next } : old));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const seek = (value: number) => {
    setSeekDraft(value);
    if (settle.current) clearTimeout(settle.current);
    settle.current = setTimeout(() => {
      settle.current = null;
      void send({ action: 'seek', time: value }).finally(() => setSeekDraft(null));
    }, SEEK_SETTLE_MS);
  };

  const speeds = REPLAY_SPEEDS.some((s) => s === replay.speed) ? [...REPLAY_SPEEDS] : [...REPLAY_SPEEDS, replay.speed].sort((a, b) => a - b);
  const playing = replay.playing && !replay.ended;

  return (
    <div
      className="replay-bar"
      role="group"
      aria-label="Replay timeline"
      data-testid="replay-bar"
      data-playing={playing}
      data-speed={replay.speed}
      data-loop={replay.loop}
      data-ended={replay.ended}
    >
      <span className="replay-tag">Replay</span>
      <button
        type="button"
        className="replay-play"
        data-testid="replay-play"
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause' : replay.ended ? 'Play again from the start' : 'Play'}
        disabled={busy}
        onClick={() => {
          if (playing) void send({ action: 'pause' });
          else if (replay.ended) void send({ action: 'seek', time: replay.start }).then(() => send({ action: 'play' }));
          else void send({ action: 'play' });
        }}
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <label className="replay-field">
        <span className="replay-field-label">Speed</span>
        <select
          data-testid="replay-speed"
          value={String(replay.speed)}
          onChange={(e) => void send({ action: 'speed', speed: Number(e.target.value) })}
        >
          {speeds.map((s) => (
            <option key={s} value={String(s)}>
              {formatSpeed(s)}
            </option>
          ))}
        </select>
      </label>
      <input
        type="range"
        className="replay-seek"
        data-testid="replay-seek"
        aria-label="Position in the recording"
        aria-valuetext={formatRecordedTime(time, span)}
        min={replay.start}
        max={replay.end}
        step={seekStep(replay.start, replay.end)}
        value={time}
        disabled={span === 0}
        onChange={(e) => seek(Number(e.target.value))}
      />
      <span className="replay-time" data-testid="replay-time" data-recorded-time={Math.round(time)} title="Recorded time now playing">
        <span className="replay-clock">{formatRecordedTime(time, span)}</span>
        <span className="replay-offset">
          {formatOffset(time - replay.start, span < 60_000)} / {formatOffset(span, span < 60_000)}
        </span>
      </span>
      <label className="replay-field replay-loop">
        <input type="checkbox" data-testid="replay-loop" checked={replay.loop} onChange={(e) => void send({ action: 'loop', loop: e.target.checked })} />
        Loop
      </label>
      <span className="replay-meta">
        <span className="replay-file" title={replay.file} data-testid="replay-file">
          {baseName(replay.file)}
        </span>
        <span title={`${replay.emitted.toLocaleString('en-US')} flows played so far, all loops`}>{replay.flows.toLocaleString('en-US')} flows</span>
        {replay.ended && <span className="replay-ended">ended</span>}
        {replay.badLines > 0 && (
          <span className="replay-warn" data-testid="replay-bad-lines" title="Lines of the file that could not be read were skipped">
            {replay.badLines.toLocaleString('en-US')} bad {replay.badLines === 1 ? 'line' : 'lines'} skipped
          </span>
        )}
        {replay.warnings.length > 0 && (
          <span className="replay-warn" data-testid="replay-warnings" title={replay.warnings.join('\n')}>
            ⚠ {replay.warnings.length} {replay.warnings.length === 1 ? 'warning' : 'warnings'}
          </span>
        )}
        {error && (
          <span className="replay-error" role="alert" data-testid="replay-error">
            {error}
          </span>
        )}
      </span>
    </div>
  );
}

function PlayIcon() {
  return (
    <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
      <path d="M3 1.5v9l7.5-4.5z" fill="currentColor" />
    </svg>
  );
}

function PauseIcon() {
  return (
    <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
      <path d="M2.5 1.5h2.5v9H2.5zM7 1.5h2.5v9H7z" fill="currentColor" />
    </svg>
  );
}
