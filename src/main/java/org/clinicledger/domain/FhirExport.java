package org.clinicledger.domain;

/**
 * What an export of a patient's records as a FHIR R4 Bundle wrote.
 *
 * @param records the Conditions: the current version of each record the exporting user may read
 * @param earlierVersions the versions amendments replaced, each as a Provenance without content
 * @param attachments the DocumentReferences, and how many of them carry their bytes
 * @param deletions the deleted records, listed as a Provenance with no content
 * @param consents the grants and referrals, as Consents
 * @param emergencies the emergency accesses, as AuditEvents
 * @param resources every resource in the Bundle
 * @param bytes the size of the Bundle's JSON
 * @param anchored whether every Provenance carries its checkpoint and proof file (false on a replica)
 */
public record FhirExport(MedicalRecordNumber patient, int records, int earlierVersions, int attachments, int attachmentsIncluded,
        int deletions, int consents, int emergencies, int resources, long bytes, boolean anchored) {
}
