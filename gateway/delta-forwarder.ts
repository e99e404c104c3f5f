// Forwards a turn's deltas to one socket exactly once and in order, whatever mix of "text so far" (read from
// Redis), live deltas and the final result arrives, so the client's joined deltas equal chat.done's text.
import type { TurnDelta } from '../lib/chat.js';

export class DeltaForwarder {
  private sent = 0;
  private primed = false;
  private readonly early: TurnDelta[] = [];

  constructor(private readonly emit: (text: string) => void) {}

  /** Live deltas; held back until `prime` has sent the text that was streamed before we subscribed. */
  push(delta: TurnDelta): void {
    if (this.primed) this.apply(delta);
    else this.early.push(delta);
  }

  prime(textSoFar: string): void {
    this.apply({ offset: 0, text: textSoFar });
    this.primed = true;
    for (const d of this.early.splice(0)) this.apply(d);
  }

  /** Sends whatever part of the final text the stream did not deliver. */
  finish(fullText: string): void {
    this.primed = true;
    if (fullText.length > this.sent) this.apply({ offset: this.sent, text: fullText.slice(this.sent) });
  }

  private apply({ offset, text }: TurnDelta): void {
    const end = offset + text.length;
    // Already sent, or a gap we cannot fill from this delta (finish() fills it from the result).
    if (end <= this.sent || offset > this.sent) return;
    this.emit(text.slice(this.sent - offset));
    this.sent = end;
  }
}
