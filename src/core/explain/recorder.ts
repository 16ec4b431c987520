import type { LayerTrace, StatementTrace, ConditionTrace } from './trace.js';

/**
 * Receives what `decide` saw (OPA's QueryTracer). `enabled` false means `decide` builds no trace
 * and short-circuits; `TraceRecorder` collects everything, on the very same code path.
 */
export interface Recorder {
  readonly enabled: boolean;
  /** Records one layer with the statements evaluated in it. */
  layer(trace: LayerTrace): void;
}

/** The default recorder: records nothing, costs nothing. */
export const NO_TRACE: Recorder = { enabled: false, layer: () => undefined };

/** Collects the layers of one decision. */
export class TraceRecorder implements Recorder {
  readonly enabled = true;
  readonly layers: LayerTrace[] = [];

  layer(trace: LayerTrace): void {
    this.layers.push(trace);
  }
}

export type { LayerTrace, StatementTrace, ConditionTrace };
