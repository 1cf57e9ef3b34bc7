import { graphql } from '../../gql/index.ts';

/** The jurisdiction's active pack and every switch of it. */
export const RulePackQuery = graphql(`
  query ConsoleRulePack($jurisdiction: String!, $member: Boolean!) {
    jurisdiction(code: $jurisdiction) @include(if: $member) {
      name
      level
      rulePackId
      rulePackVersion
      rulePackHistory { switchedAt actor fromPack toPack reason contentHash }
    }
    rulePacks { id version key name level inForceFrom inForceUntil }
  }
`);

/** One pack's rules in plain words, each with its clause (what `double-random pack explain` prints). */
export const RulePackRulesQuery = graphql(`
  query ConsoleRulePackRules($id: String!, $version: String) {
    rulePack(id: $id, version: $version) {
      key
      name
      level
      extends
      inForceFrom
      inForceUntil
      contentHash
      sources { id title number issuedBy date }
      explanations { path zh source citation { document clause isDefault note } }
    }
  }
`);

export const SwitchRulePackMutation = graphql(`
  mutation ConsoleSwitchRulePack($jurisdiction: String!, $pack: String!, $version: String, $reason: String) {
    switchRulePack(jurisdiction: $jurisdiction, pack: $pack, version: $version, reason: $reason) {
      __typename
      ... on Jurisdiction { rulePackId rulePackVersion }
      ...ConsoleRefusal
    }
  }
`);

/** What the pack editor starts from: the language, the base's rules in force, the jurisdiction's saved versions. */
export const RulePackEditorQuery = graphql(`
  query ConsoleRulePackEditor($jurisdiction: String!, $id: String!, $version: String) {
    rulePackLanguage
    rulePack(id: $id, version: $version) { key id version name level extends rules sources { id title number } }
    storedRulePacks(jurisdiction: $jurisdiction) {
      __typename
      ... on QueryStoredRulePacksSuccess { data { key id version name ownSources ownRules usedAt createdAt createdBy } }
    }
  }
`);

/** Validates (dryRun) or saves a new version; the differences from the base come back either way. */
export const SaveRulePackMutation = graphql(`
  mutation ConsoleSaveRulePack($jurisdiction: String!, $base: String!, $meta: RulePackMetaInput!, $rules: JSON!, $dryRun: Boolean) {
    saveRulePack(jurisdiction: $jurisdiction, base: $base, meta: $meta, rules: $rules, dryRun: $dryRun) {
      __typename
      ... on SavedRulePack {
        saved
        pack { key id version contentHash }
        differences { path change before { zh source } after { zh source } }
      }
      ...ConsoleRefusal
    }
  }
`);
