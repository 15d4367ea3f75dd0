package org.clinicledger.ledger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.PartyKind;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.VerificationProblem;

/**
 * Which chains' keys the clinic vouches for: the clinic key (the self-signed registration of the one
 * {@code clinic/} chain, or of the one with the expected fingerprint) is trusted, and so is every
 * chain whose registration carries a {@link KeyAuthorization} that verifies, made by a key of a
 * trusted chain that {@link BlockAuthority#mayAuthorize} lets vouch for it. Everything else is
 * reported once, at its registration, with the first link that breaks. A key rotation keeps its
 * chain's standing, since the chain's current key signs it; a key recovery keeps it when the
 * administrator who signs it vouches for the new key ({@link #recoveryRefusal}). That every registration, the clinic
 * key's among them, is signed by the key it registers is {@link ChainVerifier}'s check.
 */
final class KeyTrust {

    private final KeyRegistry keys;
    private final String rootChain;
    /** Each chain judged so far: empty when the clinic vouches for its key, else why not. */
    private final Map<String, Optional<String>> verdicts = new ConcurrentHashMap<>();
    private final List<VerificationProblem> problems = new ArrayList<>();
    /** Whether {@link #problems} has judged every registration. */
    private boolean judgedAll;

    private KeyTrust(KeyRegistry keys, String rootChain) {
        this.keys = keys;
        this.rootChain = rootChain;
    }

    /**
     * Anchors the registry's chains in the clinic key.
     *
     * @param expected the fingerprint the caller knows the clinic by, or null to take the ledger's own
     */
    static KeyTrust anchor(KeyRegistry keys, ClinicFingerprint expected) {
        Collection<KeyRegistry.Registration> registrations = keys.registrations().values();
        List<KeyRegistry.Registration> roots = registrations.stream()
                .filter(registration -> party(registration.chain()) == PartyKind.CLINIC)
                .toList();
        KeyRegistry.Registration root = null;
        List<VerificationProblem> rootProblems = new ArrayList<>();
        if (expected != null) {
            root = roots.stream().filter(candidate -> ClinicRoot.fingerprint(candidate.subjectKey()).equals(expected))
                    .findFirst().orElse(null);
            if (root == null && !registrations.isEmpty()) {
                rootProblems.add(new VerificationProblem("clinic", -1, ProblemCode.CLINIC_ROOT, roots.isEmpty()
                        ? "the ledger has no clinic key, so it cannot be the clinic " + expected.grouped()
                        : "the ledger is anchored to clinic key "
                                + ClinicRoot.fingerprint(roots.get(0).subjectKey()).grouped() + ", not to the expected "
                                + expected.grouped() + ": it is another clinic's, or was rewritten under a new key"));
            }
        } else if (roots.size() == 1) {
            root = roots.get(0);
        } else if (roots.isEmpty() && !registrations.isEmpty()) {
            rootProblems.add(new VerificationProblem("clinic", -1, ProblemCode.CLINIC_ROOT,
                    "the ledger has no clinic key, so none of its keys can be traced to the clinic"));
        }
        for (KeyRegistry.Registration other : roots) {
            if (other != root && (root != null || roots.size() > 1)) {
                rootProblems.add(new VerificationProblem(other.chain(), 0, ProblemCode.CLINIC_ROOT, root == null
                        ? "the ledger has more than one clinic key, so none can be trusted without the clinic's fingerprint"
                        : "a second clinic key: the clinic has one, and it is " + root.chain()));
            }
        }
        KeyTrust trust = new KeyTrust(keys, root == null ? null : root.chain());
        trust.problems.addAll(rootProblems);
        return trust;
    }

    /** The fingerprint of the clinic key the ledger is anchored to, if it has one. */
    Optional<ClinicFingerprint> fingerprint() {
        return rootChain == null ? Optional.empty()
                : Optional.of(ClinicRoot.fingerprint(keys.registrations().get(rootChain).subjectKey()));
    }

    /**
     * Why the key a recovery gives the person of {@code chain} is not vouched for; empty when it is.
     * The administrator who signs the recovery must vouch for the new key themselves, with a key the
     * clinic vouches for, and be allowed to vouch for that chain's keys (the second table of
     * {@link BlockAuthority}), exactly as when they register an account.
     */
    Optional<String> recoveryRefusal(String chain, byte[] subjectKey, Optional<KeyAuthorization> authorization,
            String signerKeyId) {
        if (authorization.isEmpty()) {
            return Optional.of("the key recovery carries no authorization: nothing traces the new key to the clinic");
        }
        KeyAuthorization made = authorization.get();
        if (!made.keyId().equals(signerKeyId)) {
            return Optional.of("the new key is vouched for by key " + made.keyId()
                    + ", not by the administrator who signed the recovery");
        }
        KeyRegistry.Entry authorizer = keys.find(made.keyId());
        if (authorizer == null) {
            return Optional.of("the new key is vouched for by key " + made.keyId() + ", which no chain registers");
        }
        if (anchored() && !trusts(authorizer.chain())) {
            return Optional.of("the new key is vouched for by a key of " + authorizer.chain()
                    + ", which the clinic does not vouch for");
        }
        Optional<String> forbidden = BlockAuthority.authorizationRefusal(authorizer.chain(),
                keys.role(authorizer.chain()).orElse(null), chain);
        if (forbidden.isPresent()) {
            return forbidden;
        }
        return made.verifies(authorizer.publicKey(), chain, subjectKey) ? Optional.empty()
                : Optional.of("the authorization of the new key does not verify");
    }

    /**
     * Whether the keys of {@code chain} are ones the clinic vouches for; always false without a clinic
     * key. Judged when first asked, following the chain's authorizations up to the clinic key, and
     * remembered: opening a folder asks only about its machines and administrators, so it checks their
     * few authorizations, not one per patient.
     */
    boolean trusts(String chain) {
        return chain != null && rootChain != null && verdict(chain).isEmpty();
    }

    /** Whether there is a clinic key to judge by: without one, nothing is reported key by key. */
    boolean anchored() {
        return rootChain != null;
    }

    /**
     * The clinic key's problems and, for every chain whose key the clinic does not vouch for, the
     * first link that breaks: every authorization is judged now, once.
     */
    synchronized List<VerificationProblem> problems() {
        if (!judgedAll) {
            judgedAll = true;
            if (rootChain != null) {
                for (KeyRegistry.Registration registration : new HashMap<>(keys.registrations()).values()) {
                    if (party(registration.chain()) != PartyKind.CLINIC) {
                        verdict(registration.chain()).ifPresent(refusal -> problems.add(new VerificationProblem(
                                registration.chain(), 0, ProblemCode.UNAUTHORIZED_KEY, refusal)));
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Why the key of {@code chain} is not vouched for; empty when it is. A chain is trusted when the
     * key that vouches for it belongs to a trusted chain and the rest of {@link #refusal} holds: each
     * registration names one authorizer, so this follows that one line up to the clinic key (or to a
     * chain already judged), then judges the chains on it from the top down. A line that comes back to
     * a chain on it never reaches the clinic key, and all its chains are refused. Iterative, so that a
     * forged line of thousands of registrations cannot exhaust the stack.
     */
    private Optional<String> verdict(String chain) {
        Optional<String> known = verdicts.get(chain);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            Deque<String> line = new ArrayDeque<>();
            Set<String> onLine = new HashSet<>();
            String current = chain;
            while (current != null && !verdicts.containsKey(current) && onLine.add(current)) {
                KeyRegistry.Registration registration = keys.registrations().get(current);
                if (current.equals(rootChain)) {
                    verdicts.put(current, Optional.empty());
                } else if (registration == null || party(current) == PartyKind.CLINIC) {
                    verdicts.put(current, Optional.of("no key the clinic vouches for registers " + current));
                } else {
                    line.push(current);
                    current = registration.authorization().map(made -> keys.find(made.keyId()))
                            .map(KeyRegistry.Entry::chain).orElse(null);
                }
            }
            while (!line.isEmpty()) {
                String judged = line.pop();
                verdicts.put(judged, Optional.ofNullable(refusal(keys.registrations().get(judged))));
            }
            return verdicts.get(chain);
        }
    }

    /** Whether {@code chain} has been judged trusted; a chain not judged yet is on a line that loops. */
    private boolean judgedTrusted(String chain) {
        Optional<String> judged = verdicts.get(chain);
        return judged != null && judged.isEmpty();
    }

    /** Why {@code registration}'s key is not vouched for, its authorizer's chain judged already; null when it is. */
    private String refusal(KeyRegistry.Registration registration) {
        KeyAuthorization authorization = registration.authorization().orElse(null);
        if (authorization == null) {
            return "the registration carries no authorization: nothing traces the key it registers to the clinic";
        }
        KeyRegistry.Entry authorizer = keys.find(authorization.keyId());
        if (authorizer == null) {
            return "the key it registers is vouched for by key " + authorization.keyId() + ", which no chain registers";
        }
        String by = authorizer.chain();
        if (!judgedTrusted(by)) {
            return "the key it registers is vouched for by a key of " + by + ", which the clinic does not vouch for";
        }
        Optional<String> forbidden = BlockAuthority.authorizationRefusal(by, keys.role(by).orElse(null),
                registration.chain());
        if (forbidden.isPresent()) {
            return forbidden.get();
        }
        if (party(by) == PartyKind.NODE && !authorizedByRoot(by)) {
            return "the key it registers is vouched for by " + by + ", a replica machine, which may not start another";
        }
        return authorization.verifies(authorizer.publicKey(), registration.chain(), registration.subjectKey()) ? null
                : "the authorization of the key it registers does not verify";
    }

    /** Whether the key of {@code chain} was vouched for by the clinic key itself, not through anyone. */
    private boolean authorizedByRoot(String chain) {
        KeyRegistry.Registration registration = keys.registrations().get(chain);
        KeyRegistry.Entry authorizer = registration == null ? null
                : registration.authorization().map(made -> keys.find(made.keyId())).orElse(null);
        return authorizer != null && authorizer.chain().equals(rootChain);
    }

    /** Whether {@code chain} is a machine the clinic key vouched for through another machine: a replica. */
    boolean isReplica(String chain) {
        return party(chain) == PartyKind.NODE && trusts(chain) && !authorizedByRoot(chain);
    }

    private static PartyKind party(String chain) {
        return BlockAuthority.partyOf(chain);
    }
}
