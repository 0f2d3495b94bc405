/**
 * Building blocks shared by the agent schemas.
 *
 * The agent is written in Go with go-swagger models: optional fields tagged `omitempty` vanish
 * when they hold their zero value (false, 0, ""), and slices without the tag are sent as `null`.
 * So every field may be absent or null, and a missing boolean means false. Objects keep fields
 * we do not model (newer agents add them all the time). Enum-typed fields are read as plain
 * strings: real agents send values outside the published enums (protocol "TCP" where the schema
 * says "tcp", acceleration "Disabled" where it says "None"), and the derivation code decides what
 * a value means.
 */
import { z } from 'zod';

export const optString = z.string().nullish();
export const optBool = z.boolean().nullish();
export const optInt = z.number().int().nullish();
export const optNumber = z.number().nullish();
export const optStrings = z.array(z.string()).nullish();

/** `{ enabled: bool }`, the shape of most kube-proxy-replacement features. */
export const enabledFlag = z.looseObject({ enabled: optBool }).nullish();

/** The Status definition: state of one component plus a message. */
export const componentStatus = z.looseObject({ state: optString, msg: optString }).nullish();
