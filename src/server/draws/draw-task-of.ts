import type { InspectionTask } from '@prisma/client';
import type { DrawTask } from '../../core/draw/types.ts';

/** The task as the draw reads it (and as its export and task hash hold it): unset options left out. */
export function drawTaskOf(task: InspectionTask): DrawTask {
  const optional = {
    ...(task.itemsPerInspection !== null ? { itemsPerInspection: task.itemsPerInspection } : {}),
    ...(task.teamSize !== null ? { teamSize: task.teamSize } : {}),
    ...(task.expertsPerTeam !== null ? { expertsPerTeam: task.expertsPerTeam } : {}),
    ...(task.substitutes !== null ? { substitutes: task.substitutes } : {}),
  };
  return {
    id: task.id,
    year: task.inspectionDate.getUTCFullYear(),
    inspectionDate: task.inspectionDate.toISOString().slice(0, 10),
    sectors: [...task.sectors].sort(),
    covert: task.covert,
    joint: task.joint,
    special: task.special,
    size: task.size,
    ...optional,
  };
}
