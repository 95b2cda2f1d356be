package dev.toolseal.registry.write;

import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.verifier.attest.AttestationVerificationException;

/** Maps attestation verification failures to problems whose detail names no key material. */
final class Rejections {

    private Rejections() {
    }

    static ProblemException of(AttestationVerificationException e) {
        return switch (e.reason()) {
            case WRONG_PAYLOAD_TYPE -> new ProblemException(ProblemType.WRONG_PAYLOAD_TYPE,
                    "The envelope's payloadType is not an in-toto statement.");
            case WRONG_PREDICATE_TYPE -> new ProblemException(ProblemType.WRONG_PREDICATE_TYPE,
                    "The statement's predicate type does not belong here.");
            case SUBJECT_DIGEST_MISMATCH -> new ProblemException(ProblemType.DIGEST_MISMATCH,
                    "The subject digest is not the digest of the manifest.");
            case SUBJECT_MISMATCH -> new ProblemException(ProblemType.INVALID_STATEMENT,
                    "The statement names another key or subject than the one it must.");
            case BAD_SIGNATURE, NO_TRUSTED_SIGNATURE, MISSING_REQUIRED_SIGNATURE -> new ProblemException(
                    ProblemType.BAD_SIGNATURE, "A required signature is missing or does not verify.");
        };
    }

    static ProblemException invalidStatement() {
        return new ProblemException(ProblemType.INVALID_STATEMENT,
                "The statement or its predicate is not valid for its predicate type.");
    }
}
