/** A line that is not a valid recording line; the message says what is wrong with it. */
export class RecordingLineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordingLineError';
  }
}
