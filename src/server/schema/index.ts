// Each module registers its types on the builder when imported.
import { builder } from './builder.ts';
import './errors.ts';
import './enums.ts';
import './jurisdiction.ts';
import './enterprise.ts';
import './inspector.ts';
import './expert.ts';
import './checklist.ts';
import './history.ts';
import './import.ts';
import './reference.ts';
import './rule-pack.ts';
import './calendar.ts';
import './draw.ts';
import './plan.ts';
import './task.ts';
import './draw-ceremony.ts';
import './live-events.ts';
import './audit.ts';
import './other-inspection.ts';
import './session.ts';
import './credentials.ts';
import './result.ts';
import './blacklisting.ts';
import './deadline.ts';

export const schema = builder.toSchema({ sortSchema: true });
