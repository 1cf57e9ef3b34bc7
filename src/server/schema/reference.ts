import { SECTORS, type Sector } from '../../core/directory/sectors.ts';
import { builder } from './builder.ts';

const SectorRef = builder.objectRef<Sector>('Sector').implement({
  description: 'A sector (行业领域) of the source documents',
  fields: (t) => ({
    code: t.exposeString('code'),
    label: t.exposeString('label'),
    aliases: t.exposeStringList('aliases'),
    group: t.string({ nullable: true, resolve: (s) => s.group ?? null }),
  }),
});

builder.queryField('sectors', (t) => t.field({ type: [SectorRef], description: 'The sectors a directory may use', resolve: () => [...SECTORS] }));
