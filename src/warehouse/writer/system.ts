// The columns the writer adds to every table (Fivetran's system columns), and the clock that stamps them.

export const FIVETRAN_ID = "_fivetran_id";
export const FIVETRAN_DELETED = "_fivetran_deleted";
export const FIVETRAN_SYNCED = "_fivetran_synced";
/** The column FileUpload sets to the uploaded file's path. */
export const FILE_PATH = "_fivetran_file_path";
export const TSTZ = "TIMESTAMP WITH TIME ZONE";

/** Operation times: microseconds, strictly increasing, so a truncate never meets a row of the same moment. */
export class Clock {
  private clockUs = 0;
  private clockSecond = -1;
  private clockPrefix = "";

  nowUs(): number {
    // Microseconds since the epoch stay below 2^53 until the year 2255: plain numbers are exact. The SDK takes
    // datetime.now(), which has microseconds; Date.now() has only milliseconds.
    let us = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    if (us <= this.clockUs) us = this.clockUs + 1;
    this.clockUs = us;
    return us;
  }

  now(): string {
    return this.timeText(this.nowUs());
  }

  /** The text of an operation time, as a TIMESTAMP WITH TIME ZONE literal. */
  timeText(us: number): string {
    const second = Math.floor(us / 1_000_000);
    if (second !== this.clockSecond) {
      this.clockSecond = second;
      this.clockPrefix = new Date(second * 1000).toISOString().slice(0, 19);
    }
    return `${this.clockPrefix}.${String(us % 1_000_000).padStart(6, "0")}+00:00`;
  }
}

/**
 * Times counted from `start`, one microsecond per call: a transaction written again from its records
 * (WarehouseWriter.replay()) stamps its operations inside the span its first writing took, which held one time per
 * operation, so they stay before every operation of the next transaction.
 */
export class CountingClock extends Clock {
  constructor(private at: number) {
    super();
  }

  override nowUs(): number {
    return this.at++;
  }
}
