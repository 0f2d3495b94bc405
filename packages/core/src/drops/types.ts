export type DropReasonCategory = 'policy' | 'routing' | 'resources' | 'malformed' | 'encryption' | 'service' | 'other';

export interface DropReasonInfo {
  /** The drop code (flow.drop_reason_desc / the datapath's drop reason). */
  code: number;
  /** `DropReason` enum name in Cilium 1.19's flow.proto; '' when the enum has no value for this code. */
  name: string;
  /**
   * The text Cilium itself prints for the code (pkg/monitor/api/drop.go). For codes Cilium has no
   * text for, `unknown drop reason <code>`. Show this rather than the enum name: for some codes
   * the enum name misleads (136 reads CT_MISSING_TCP_ACK_FLAG but means "Fragmentation needed").
   */
  text: string;
  /** What happened, in plain words. */
  description: string;
  category: DropReasonCategory;
  /** What to check first; null when there is nothing specific to suggest. */
  hint: string | null;
  /** The enum value is marked deprecated upstream (the datapath no longer emits it). */
  deprecated: boolean;
  /** The datapath macro (bpf/lib/drop_reasons.h) when there is one, e.g. 'DROP_POLICY'. */
  macro: string;
}
