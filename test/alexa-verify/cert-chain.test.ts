// Rule 3: the signing certificate, its SAN, and a chain that reaches a trusted root.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import { rootCertificates } from 'node:tls';
import {
  checkChainDates,
  createTrustStore,
  defaultTrustStore,
  validateCertChain,
} from '../../src/platforms/alexa/verifier/index.js';
import { makeChain } from '../support/alexa-certs.js';
import { rejectsAt } from './assert-verification.js';

const DAY = 24 * 60 * 60 * 1000;

describe('rule 3: chain to a trusted root', () => {
  it('accepts an RSA leaf under an RSA intermediate and root', async () => {
    const chain = await makeChain({ keyType: 'rsa' });
    const validated = validateCertChain(chain.chainPem, createTrustStore([chain.rootPem]));
    assert.equal(validated.signingKey.asymmetricKeyType, 'rsa');
  });

  it('accepts an RSA leaf under an ECDSA intermediate and ECDSA root', async () => {
    const chain = await makeChain({ keyType: 'ec' });
    assert.equal(new X509Certificate(chain.rootPem).publicKey.asymmetricKeyType, 'ec');
    const validated = validateCertChain(chain.chainPem, createTrustStore([chain.rootPem]));
    assert.equal(validated.signingKey.asymmetricKeyType, 'rsa');
  });

  it('accepts a leaf issued by the root directly, and a bundle that carries the root too', async () => {
    for (const chain of [await makeChain({ intermediate: false }), await makeChain({ includeRoot: true })]) {
      validateCertChain(chain.chainPem, createTrustStore([chain.rootPem]));
    }
  });

  it('finds the root among the whole trust store, Node bundle included', async () => {
    const chain = await makeChain({ keyType: 'ec' });
    validateCertChain(chain.chainPem, createTrustStore([...rootCertificates, chain.rootPem]));
  });

  it('parses the ECDSA roots of Node\'s own store (node-forge drops them)', () => {
    const keyTypes = defaultTrustStore().keyTypes;
    assert.ok((keyTypes.get('ec') ?? 0) > 0, `no ECDSA root parsed: ${JSON.stringify([...keyTypes])}`);
    assert.ok((keyTypes.get('rsa') ?? 0) > 0);
  });

  it('rejects a chain whose root is not trusted', async () => {
    const trusted = await makeChain();
    for (const keyType of ['rsa', 'ec'] as const) {
      const rogue = await makeChain({ keyType, untrustedRoot: true });
      await rejectsAt(() => validateCertChain(rogue.chainPem, createTrustStore([trusted.rootPem])), 'cert-chain', /trusted root/);
      await rejectsAt(
        () => validateCertChain(rogue.chainPem, createTrustStore([])),
        'cert-chain',
        /trusted root/,
      );
    }
  });

  it('rejects a rogue root that copies the trusted root\'s name (the link signature decides)', async () => {
    const trusted = await makeChain({ keyIdentifiers: false });
    const rogue = await makeChain({ keyIdentifiers: false, untrustedRoot: true });
    const rogueIntermediate = new X509Certificate(rogue.intermediatePem!);
    const trustedRoot = new X509Certificate(trusted.rootPem);
    assert.ok(rogueIntermediate.checkIssued(trustedRoot), 'names alone would pass');
    assert.equal(rogueIntermediate.verify(trustedRoot.publicKey), false);
    await rejectsAt(() => validateCertChain(rogue.chainPem, createTrustStore([trusted.rootPem])), 'cert-chain', /trusted root/);
  });

  it('rejects a leaf whose issuer in the bundle has the right name but did not sign it', async () => {
    const trusted = await makeChain({ keyIdentifiers: false });
    const rogue = await makeChain({ keyIdentifiers: false, untrustedRoot: true });
    const spliced = `${rogue.leafPem}\n${trusted.intermediatePem}\n`;
    await rejectsAt(() => validateCertChain(spliced, createTrustStore([trusted.rootPem])), 'cert-chain', /trusted root/);
  });

  it('rejects an intermediate that is not a CA', async () => {
    const chain = await makeChain({ intermediateIsCa: false });
    await rejectsAt(() => validateCertChain(chain.chainPem, createTrustStore([chain.rootPem])), 'cert-chain', /not a CA/);
  });

  it('rejects a signing certificate without echo-api.amazon.com in its SAN', async () => {
    for (const san of [['echo-api.amazon.com.evil.com'], ['evil.com'], ['*.amazon.com'], []]) {
      const chain = await makeChain({ san });
      await rejectsAt(() => validateCertChain(chain.chainPem, createTrustStore([chain.rootPem])), 'cert-chain', /SAN/);
    }
  });

  it('accepts echo-api.amazon.com among other SAN entries', async () => {
    const chain = await makeChain({ san: ['other.example', 'echo-api.amazon.com'] });
    validateCertChain(chain.chainPem, createTrustStore([chain.rootPem]));
  });

  it('rejects a signing certificate with a non-RSA key (Signature-256 is RSA-SHA256)', async () => {
    const chain = await makeChain({ leafKeyType: 'ec' });
    await rejectsAt(() => validateCertChain(chain.chainPem, createTrustStore([chain.rootPem])), 'cert-chain', /not rsa/);
  });

  it('rejects an empty or unparseable download', async () => {
    const trust = createTrustStore([]);
    await rejectsAt(() => validateCertChain('', trust), 'cert-chain', /no certificate/);
    await rejectsAt(() => validateCertChain('<html>Access Denied</html>', trust), 'cert-chain', /no certificate/);
    const broken = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    await rejectsAt(() => validateCertChain(broken, trust), 'cert-chain', /unparseable/);
  });
});

describe('rule 3: validity window of the signing certificate', () => {
  const now = Date.now();

  it('accepts the first and the last second of the window', async () => {
    const notBefore = new Date(Math.floor(now / 1000) * 1000 - DAY);
    const notAfter = new Date(Math.floor(now / 1000) * 1000 + DAY);
    const chain = await makeChain({ notBefore, notAfter });
    const validated = validateCertChain(chain.chainPem, createTrustStore([chain.rootPem]));
    checkChainDates(validated, notBefore.getTime());
    checkChainDates(validated, notAfter.getTime());
  });

  it('rejects an expired signing certificate', async () => {
    const chain = await makeChain({ notBefore: new Date(now - 10 * DAY), notAfter: new Date(now - DAY) });
    const validated = validateCertChain(chain.chainPem, createTrustStore([chain.rootPem]));
    await rejectsAt(() => checkChainDates(validated, now), 'cert-chain', /expired/);
  });

  it('rejects a signing certificate that is not valid yet', async () => {
    const chain = await makeChain({ notBefore: new Date(now + DAY), notAfter: new Date(now + 10 * DAY) });
    const validated = validateCertChain(chain.chainPem, createTrustStore([chain.rootPem]));
    await rejectsAt(() => checkChainDates(validated, now), 'cert-chain', /not yet valid/);
  });
});
