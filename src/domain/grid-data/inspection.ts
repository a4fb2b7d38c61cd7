// A thing (消防栓, 电梯 …) is overdue for inspection when its next inspection day has passed (China days):
// due today is not yet overdue; no date set is never overdue (the list shows it as 未设定).
export function inspectionOverdue(nextInspection: string | null, today: string): boolean {
  return nextInspection !== null && nextInspection < today;
}
