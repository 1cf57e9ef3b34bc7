import { graphql } from '../../gql/index.ts';

// One page of each directory at a time (first/after, totalCount): a county of 100,000 enterprises
// never sends more than a page. Personal data arrives masked from the server for those not entitled.

export const EnterprisesQuery = graphql(`
  query ConsoleEnterprises($jurisdiction: String!, $first: Int!, $after: String, $filter: EnterpriseFilter, $orderBy: EnterpriseOrder) {
    jurisdiction(code: $jurisdiction) {
      id
      enterprises(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id uscc name sector riskLevel creditLevel township operatingStatus blacklisted keyHighDanger majorHazardSource aboveDesignatedSize active } }
      }
    }
  }
`);

export const InspectorsQuery = graphql(`
  query ConsoleInspectors($jurisdiction: String!, $first: Int!, $after: String, $search: String, $domain: String, $unitKind: UnitKind, $active: Boolean) {
    jurisdiction(code: $jurisdiction) {
      id
      inspectors(first: $first, after: $after, search: $search, domain: $domain, unitKind: $unitKind, active: $active) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id certificateNumber name unit unitKind domains certificateValidUntil phone formalStaff active } }
      }
    }
  }
`);

export const ExpertsQuery = graphql(`
  query ConsoleExperts($jurisdiction: String!, $first: Int!, $after: String, $specialty: String, $active: Boolean) {
    jurisdiction(code: $jurisdiction) {
      id
      experts(first: $first, after: $after, specialty: $specialty, active: $active) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id name gender specialties employer title phone active } }
      }
    }
  }
`);

export const ChecklistQuery = graphql(`
  query ConsoleChecklist($jurisdiction: String!, $first: Int!, $after: String, $sector: String) {
    jurisdiction(code: $jurisdiction) {
      id
      checklistItems(first: $first, after: $after, sector: $sector) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id code name category inspectionObject sectors method department level ratioText frequencyText parent { code } active } }
      }
    }
  }
`);

export const ChangeFragment = graphql(`
  fragment ConsoleDirectoryChange on DirectoryChange { op actor changedAt row }
`);

/** One record with everything the drawer shows, and its history (members only; empty for others). */
export const RecordQuery = graphql(`
  query ConsoleDirectoryRecord($id: ID!) {
    node(id: $id) {
      __typename
      ... on Enterprise {
        id uscc name legalRepresentative address contactPerson phone sector subSector scale riskLevel creditLevel blacklisted keyHighDanger majorHazardSource aboveDesignatedSize township operatingStatus active updatedAt
        records { kind occurredOn description withdrawnOn }
        history { ...ConsoleDirectoryChange }
      }
      ... on Inspector {
        id certificateNumber name gender phone idNumber certificateValidUntil unit unitKind domains formalStaff active
        history { ...ConsoleDirectoryChange }
      }
      ... on Expert {
        # Expert.idNumber is String!, Inspector's String: one response key cannot hold both.
        id expertIdNumber: idNumber name gender phone specialties employer title active
        services { enterpriseUscc kind servedOn }
        history { ...ConsoleDirectoryChange }
      }
      ... on ChecklistItem {
        id code name content legalBasis sectors method department level active
        parent { code }
        history { ...ConsoleDirectoryChange }
      }
    }
  }
`);

// Every mutation answers with the record or one of MUTATION_ERRORS: a ValidationError names each
// field (shown on the form's field), a ConflictError the key that is taken.
export const ErrorsFragment = graphql(`
  fragment ConsoleDirectoryErrors on Error {
    __typename
    message
    ... on ValidationError { issues { field message } }
    ... on ConflictError { field }
  }
`);

export const CreateEnterprise = graphql(`
  mutation ConsoleCreateEnterprise($jurisdiction: String!, $input: EnterpriseInput!) {
    createEnterprise(jurisdiction: $jurisdiction, input: $input) { __typename ... on Enterprise { id } ...ConsoleDirectoryErrors }
  }
`);
export const UpdateEnterprise = graphql(`
  mutation ConsoleUpdateEnterprise($id: ID!, $input: EnterprisePatch!) {
    updateEnterprise(id: $id, input: $input) { __typename ... on Enterprise { id } ...ConsoleDirectoryErrors }
  }
`);
export const DeactivateEnterprise = graphql(`
  mutation ConsoleDeactivateEnterprise($id: ID!) {
    deactivateEnterprise(id: $id) { __typename ... on Enterprise { id active } ...ConsoleDirectoryErrors }
  }
`);

export const CreateInspector = graphql(`
  mutation ConsoleCreateInspector($jurisdiction: String!, $input: InspectorInput!) {
    createInspector(jurisdiction: $jurisdiction, input: $input) { __typename ... on Inspector { id } ...ConsoleDirectoryErrors }
  }
`);
export const UpdateInspector = graphql(`
  mutation ConsoleUpdateInspector($id: ID!, $input: InspectorPatch!) {
    updateInspector(id: $id, input: $input) { __typename ... on Inspector { id } ...ConsoleDirectoryErrors }
  }
`);
export const DeactivateInspector = graphql(`
  mutation ConsoleDeactivateInspector($id: ID!) {
    deactivateInspector(id: $id) { __typename ... on Inspector { id active } ...ConsoleDirectoryErrors }
  }
`);

export const CreateExpert = graphql(`
  mutation ConsoleCreateExpert($jurisdiction: String!, $input: ExpertInput!) {
    createExpert(jurisdiction: $jurisdiction, input: $input) { __typename ... on Expert { id } ...ConsoleDirectoryErrors }
  }
`);
export const UpdateExpert = graphql(`
  mutation ConsoleUpdateExpert($id: ID!, $input: ExpertPatch!) {
    updateExpert(id: $id, input: $input) { __typename ... on Expert { id } ...ConsoleDirectoryErrors }
  }
`);
export const DeactivateExpert = graphql(`
  mutation ConsoleDeactivateExpert($id: ID!) {
    deactivateExpert(id: $id) { __typename ... on Expert { id active } ...ConsoleDirectoryErrors }
  }
`);

export const CreateChecklistItem = graphql(`
  mutation ConsoleCreateChecklistItem($jurisdiction: String!, $input: ChecklistItemInput!) {
    createChecklistItem(jurisdiction: $jurisdiction, input: $input) { __typename ... on ChecklistItem { id } ...ConsoleDirectoryErrors }
  }
`);
export const UpdateChecklistItem = graphql(`
  mutation ConsoleUpdateChecklistItem($id: ID!, $input: ChecklistItemPatch!) {
    updateChecklistItem(id: $id, input: $input) { __typename ... on ChecklistItem { id } ...ConsoleDirectoryErrors }
  }
`);
export const DeactivateChecklistItem = graphql(`
  mutation ConsoleDeactivateChecklistItem($id: ID!) {
    deactivateChecklistItem(id: $id) { __typename ... on ChecklistItem { id active } ...ConsoleDirectoryErrors }
  }
`);
