// deploy/template.yaml, read as CloudFormation reads it: what it deploys must fit the bundles,
// name only settings shopvoice reads, grant the functions nothing beyond their logs, and refer
// only to what it defines.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse, type Tags } from 'yaml';
import { HANDLERS } from '../../scripts/bundle-lambda.mjs';

const FUNCTIONS = ['!Ref', '!Sub', '!GetAtt', '!If', '!Not', '!Equals', '!Join', '!And', '!Or', '!Select', '!Split'];
/** CloudFormation's short forms, read as their long forms (`!Ref X` → `{ Ref: 'X' }`). */
const customTags: Tags = FUNCTIONS.flatMap((tag) => {
  const name = tag === '!Ref' ? 'Ref' : `Fn::${tag.slice(1)}`;
  return [
    { tag, resolve: (value: unknown) => ({ [name]: tag === '!GetAtt' && typeof value === 'string' ? value.split('.') : value }) },
    { tag, collection: 'seq' as const, resolve: (value: any) => ({ [name]: value.toJSON() }) },
  ];
});
const template = parse(readFileSync(new URL('../../deploy/template.yaml', import.meta.url), 'utf8'), { customTags }) as any;
const resources: Record<string, any> = template.Resources;

/** Every `{ [key]: value }` inside `node`. */
function* find(node: unknown, key: string): Generator<unknown> {
  if (Array.isArray(node)) for (const item of node) yield* find(item, key);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key) yield v;
      yield* find(v, key);
    }
  }
}

describe('deploy/template.yaml', () => {
  test('one function per platform, each on its bundle folder with the handler the bundle exports', () => {
    const functions = Object.values(resources).filter((r) => r.Type === 'AWS::Serverless::Function');
    assert.deepEqual(functions.map((f) => f.Properties.CodeUri).sort(), Object.keys(HANDLERS).map((p) => `build/${p}/`).sort());
    assert.equal(template.Globals.Function.Handler, 'index.handler');
    assert.equal(template.Parameters.Runtime.Default, 'nodejs20.x');
    assert.ok(template.Parameters.Runtime.AllowedValues.includes('nodejs22.x'));
  });

  test('only the Alexa function is an Alexa skill trigger, for the configured skill; both answer on the HTTP API', () => {
    const events = (name: string) => Object.values(resources[name].Properties.Events) as any[];
    assert.deepEqual(events('AlexaFunction').map((e) => e.Type).sort(), ['AlexaSkill', 'HttpApi']);
    assert.deepEqual(events('AlexaFunction').find((e) => e.Type === 'AlexaSkill').Properties.SkillId, { Ref: 'AlexaSkillId' });
    assert.deepEqual(events('GoogleFunction').map((e) => [e.Type, e.Properties.Path]), [['HttpApi', '/google']]);
    assert.deepEqual(resources.AlexaFunction.Properties.Environment.Variables.SHOPVOICE_ALEXA_SKILL_ID, { Ref: 'AlexaSkillId' });
  });

  test('every environment variable it sets is a setting shopvoice reads', () => {
    const config = readFileSync(new URL('../../src/config.ts', import.meta.url), 'utf8');
    const names = [...find(template, 'Variables')].flatMap((variables) => Object.keys(variables as object));
    assert.ok(names.includes('SHOPVOICE_STATE_URL') && names.includes('SHOPVOICE_STATE_KEYS'));
    for (const name of names) assert.ok(config.includes(name), `${name} is not read by src/config.ts`);
  });

  test('the role may write its own logs, and manage network interfaces only inside a VPC', () => {
    const role = resources[resources.AlexaFunction.Properties.Role['Fn::GetAtt'][0]];
    assert.equal(role.Properties.ManagedPolicyArns, undefined);
    const [logs, vpc] = role.Properties.Policies;
    const statements = logs.PolicyDocument.Statement;
    assert.deepEqual(statements.flatMap((s: any) => s.Action), ['logs:CreateLogStream', 'logs:PutLogEvents']);
    assert.ok(statements.every((s: any) => Array.isArray(s.Resource) && s.Resource.every((r: any) => r['Fn::Sub']?.endsWith('LogGroup.Arn}'))));
    assert.equal(vpc['Fn::If'][0], 'InVpc');
    assert.ok(vpc['Fn::If'][1].PolicyDocument.Statement.flatMap((s: any) => s.Action).every((a: string) => a.startsWith('ec2:')));
    assert.equal(resources.GoogleFunction.Properties.Role['Fn::GetAtt'][0], 'FunctionRole');
  });

  test('provisioned concurrency and function URLs are options', () => {
    assert.deepEqual(template.Globals.Function.ProvisionedConcurrencyConfig['Fn::If'][0], 'UseProvisionedConcurrency');
    assert.equal(template.Parameters.ProvisionedConcurrency.Default, 0);
    const urls = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Url' || r.Type === 'AWS::Lambda::Permission');
    assert.equal(urls.length, 6);
    assert.ok(urls.every((r) => r.Condition === 'UseFunctionUrls'));
  });

  test('it refers only to what it defines', () => {
    const defined = new Set([...Object.keys(template.Parameters), ...Object.keys(resources), 'AWS::NoValue', 'AWS::Region', 'AWS::StackName', 'AWS::URLSuffix', 'AWS::AccountId']);
    // SAM makes the `live` alias of a function with AutoPublishAlias: `!Ref Function.Alias`.
    const known = (name: string) => defined.has(name) || (name.endsWith('.Alias') && defined.has(name.slice(0, -'.Alias'.length)));
    for (const ref of find(template, 'Ref')) assert.ok(known(ref as string), `!Ref ${ref}`);
    for (const [name] of find(template, 'Fn::GetAtt') as Generator<string[]>) assert.ok(defined.has(name!), `!GetAtt ${name}`);
    for (const sub of find(template, 'Fn::Sub')) {
      for (const [, name] of (sub as string).matchAll(/\$\{([^}!]+)\}/g)) assert.ok(known(name!.split('.')[0]!), `\${${name}}`);
    }
    const conditions = new Set(Object.keys(template.Conditions));
    for (const resource of Object.values(resources)) if (resource.Condition) assert.ok(conditions.has(resource.Condition));
    for (const [condition] of find(template, 'Fn::If') as Generator<string[]>) assert.ok(conditions.has(condition!), condition);
  });
});
