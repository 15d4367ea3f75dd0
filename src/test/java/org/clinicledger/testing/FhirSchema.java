package org.clinicledger.testing;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;

/**
 * Checks a FHIR resource against the R4 XML schemas HL7 publishes (HAPI's schema validator, with
 * the schemas of {@code hapi-fhir-validation-resources-r4}): every element where R4 allows it, with
 * a value of its type, in its order and number. HAPI's profile validator, which would also check
 * terminology and invariants, is not available here (decision 0034).
 */
public final class FhirSchema {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private FhirSchema() {
    }

    /** What the schema finds wrong in {@code json}, each as severity, place and message; empty when valid. */
    public static List<String> problems(String json) {
        FhirValidator validator = FHIR.newValidator();
        validator.setValidateAgainstStandardSchema(true);
        validator.setValidateAgainstStandardSchematron(false);
        return validator.validateWithResult(json).getMessages().stream()
                .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.WARNING.ordinal())
                .map(message -> message.getSeverity() + " " + message.getLocationString() + ": " + message.getMessage())
                .toList();
    }
}
