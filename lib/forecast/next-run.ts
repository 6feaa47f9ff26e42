// When the stored forecast stops being valid: the next weekly run (Sunday 02:00 in the
// schedule's time zone, as lib/jobs/forecast-compute.ts's cron says).

interface WallClock {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  weekday: number;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function wallClock(at: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    y: Number(parts.year),
    mo: Number(parts.month),
    d: Number(parts.day),
    h: Number(parts.hour),
    mi: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

/** The zone's offset from UTC at an instant (ms; positive east of Greenwich). */
function offsetAt(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi) - Math.floor(at.getTime() / 60_000) * 60_000;
}

/** The first `weekday` `hour`:00 in `timeZone` strictly after `now`. */
export function nextWeeklyRun(now: Date, timeZone: string, weekday = 0, hour = 2): Date {
  const local = wallClock(now, timeZone);
  let ahead = (weekday - local.weekday + 7) % 7;
  if (ahead === 0 && local.h * 60 + local.mi >= hour * 60) ahead = 7;
  const wall = Date.UTC(local.y, local.mo - 1, local.d + ahead, hour, 0);
  // The offset at the target instant (a DST change may lie in between): two passes settle it.
  let utc = wall - offsetAt(now, timeZone);
  utc = wall - offsetAt(new Date(utc), timeZone);
  return new Date(utc);
}
