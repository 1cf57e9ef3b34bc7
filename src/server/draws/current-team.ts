import type { TeamReplacement } from '@prisma/client';

/** The team of a pick as it stands: the drawn team with every recorded replacement applied. */
export function currentTeam(pick: { leaderId: string; memberIds: readonly string[] }, replacements: readonly Pick<TeamReplacement, 'outgoingId' | 'incomingId'>[]): { leader: string; members: string[] } {
  let leader = pick.leaderId;
  let members = [...pick.memberIds];
  for (const r of replacements) {
    if (leader === r.outgoingId) leader = r.incomingId;
    members = members.map((m) => (m === r.outgoingId ? r.incomingId : m));
  }
  return { leader, members };
}
