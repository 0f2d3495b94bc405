import { useEffect, useState } from 'react';
import { getJson } from '../api/http';
import { recordingDownloadUrl, startRecording, stopRecording, type RecordingStatus } from './replayApi';
import { formatBytes, formatOffset } from './replayFormat';

export const RECORDING_POLL_MS = 1_000;

interface RecordButtonProps {
  /** The filter in force (recorded as is; changing it later does not change a running recording). */
  restText: string;
  namespaces: readonly string[];
  /** The whole filter as the bar shows it, for the tooltip. */
  barText: string;
}

/**
 * Records the flows of the current filter on the server into a file `starmap start --replay`
 * plays back: start, watch it grow, stop, download.
 */
export function RecordButton({ restText, namespaces, barText }: RecordButtonProps) {
  const [recording, setRecording] = useState<RecordingStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = recording?.id ?? null;
  const active = recording?.state === 'recording';

  useEffect(() => {
    if (!active || id === null) return;
    const controller = new AbortController();
    const timer = setInterval(() => {
      getJson<RecordingStatus>(`api/recordings/${encodeURIComponent(id)}`, undefined, controller.signal).then(
        (next) => setRecording((prev) => (prev?.id === next.id ? next : prev)),
        (err: unknown) => {
          if (!controller.signal.aborted) setError(err instanceof Error ? err.message : String(err));
        },
      );
    }, RECORDING_POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [active, id]);

  const run = async (action: () => Promise<RecordingStatus>) => {
    setBusy(true);
    try {
      setRecording(await action());
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const start = () =>
    run(() => startRecording({ ...(restText ? { filter: restText } : {}), ...(namespaces.length ? { namespaces: [...namespaces] } : {}) }));
  const stop = () => id !== null && run(() => stopRecording(id));
  const scope = barText ? `flows matching ${barText}` : 'all flows';

  return (
    <div className="record" data-testid="record" data-state={recording?.state ?? 'idle'}>
      {recording && (
        <span
          className={`record-status record-status--${recording.state}`}
          data-testid="record-status"
          data-flows={recording.flows}
          data-bytes={recording.bytes}
          title={recording.filter ? `Recording flows matching ${recording.filter}` : 'Recording all flows'}
        >
          {recording.state === 'recording' && <span className="record-dot" aria-hidden="true" />}
          {recording.state === 'recording' ? 'Recording' : recording.state === 'stopped' ? 'Recorded' : 'Recording failed'}{' '}
          {formatOffset(recording.elapsedMs)} · {recording.flows.toLocaleString('en-US')} {recording.flows === 1 ? 'flow' : 'flows'} · {formatBytes(recording.bytes)}
          {recording.error && <span className="record-error">: {recording.error}</span>}
        </span>
      )}
      {recording?.state === 'stopped' && (
        <a className="record-download" data-testid="record-download" href={recordingDownloadUrl(recording.id)} download={recording.fileName} title={`Download ${recording.fileName}; replay it with: starmap start --replay ${recording.fileName}`}>
          Download
        </a>
      )}
      {active ? (
        <button type="button" className="record-button is-recording" data-testid="record-button" disabled={busy} onClick={() => void stop()} title="Stop recording">
          <span className="record-square" aria-hidden="true" /> Stop
        </button>
      ) : (
        <button
          type="button"
          className="record-button"
          data-testid="record-button"
          disabled={busy}
          onClick={() => void start()}
          title={`Record ${scope} into a file you can replay with starmap start --replay FILE`}
        >
          <span className="record-dot" aria-hidden="true" /> Record
        </button>
      )}
      {error && (
        <span className="record-error" role="alert" data-testid="record-error">
          {error}
        </span>
      )}
    </div>
  );
}
