import { randomBytes } from 'node:crypto';
import type { PrismaClient, Role } from '@prisma/client';
import { createUser } from '../auth/users.ts';

/** One console login of the demo installation. */
export interface DemoLogin {
  readonly username: string;
  readonly name: string;
  readonly role: Role;
}

/**
 * Console logins for a new installation's demo (one per role, and the platform operator), so
 * `npm start` can be tried in the browser at once. One password for all, random, shown once; the
 * inspector's login is the directory's first inspector, so it signs results as itself.
 */
export async function createDemoLogins(prisma: PrismaClient, county: { readonly id: string; readonly code: string }): Promise<{ password: string; logins: DemoLogin[] }> {
  // 16 characters from base64url: readable, and above the minimum password length.
  const password = randomBytes(12).toString('base64url');
  const inspector = await prisma.inspector.findFirst({ where: { jurisdictionId: county.id, active: true }, orderBy: { certificateNumber: 'asc' } });
  const wanted: (DemoLogin & { inspectorCertificate?: string })[] = [
    { username: 'demo.operator', name: '平台管理员', role: 'OPERATOR' },
    { username: 'demo.admin', name: '演示管理员', role: 'ADMIN' },
    { username: 'demo.planner', name: '演示计划编制人员', role: 'PLANNER' },
    { username: 'demo.draw', name: '演示抽取人员', role: 'DRAW_OFFICER' },
    ...(inspector ? [{ username: 'demo.inspector', name: inspector.name, role: 'INSPECTOR' as const, inspectorCertificate: inspector.certificateNumber }] : []),
    { username: 'demo.auditor', name: '演示审计人员', role: 'AUDITOR' },
  ];
  const logins: DemoLogin[] = [];
  for (const login of wanted) {
    const made = await createUser(prisma, { ...login, password, jurisdictionId: login.role === 'OPERATOR' ? null : county.id }, { name: 'demo-seed' });
    if (!made.ok) throw new Error(`demo login ${login.username}: ${made.error.message}`);
    logins.push({ username: login.username, name: login.name, role: login.role });
  }
  return { password, logins };
}
