package org.clinicledger.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clinicledger.clinic.ExchangeService;
import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.RollbackMemory;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.crypto.Ed25519;
import org.clinicledger.crypto.Hex;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.crypto.SignedNote;
import org.clinicledger.domain.Cancel;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.ExportScope;
import org.clinicledger.domain.ExportVerdict;
import org.clinicledger.domain.ImportSummary;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.ledger.Checkpoints;
import org.clinicledger.ledger.NodeIdentity;
import org.clinicledger.store.TableRows;
import org.clinicledger.testing.FolderState;
import org.clinicledger.testing.Folders;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every change to an export file is refused, and refusing it changes nothing: a patient export
 * and a doctor export that starts a new machine, each changed byte by byte (every bit-flip and
 * inversion in the format line, the header and the trailer, a seeded sample across rows and
 * file data), cut short at every section boundary and between, with bytes appended, sections
 * duplicated, dropped and swapped, re-signed by keys the clinic never authorized, of another
 * clinic, of another version and with hostile JSON. Each changed file is checked offline
 * ({@code verifyExport} must not say intact), imported into a clinic folder that can import the
 * original, and (when it starts a machine) made into a replica in an empty folder: both must
 * refuse in one line and leave the folder byte for byte as it was, with no staging folder left.
 */
class ExportMutationTest {

    @TempDir
    static Path shared;

    private static byte[] patientFile;
    private static byte[] doctorFile;
    private static byte[] otherClinicFile;
    private static Path receiving;
    private static Path emptyFolder;
    private static Workspace receiver;
    private static Session receiverSession;
    private static String savedState;
    private static int checked;

    @BeforeAll
    static void makeReferenceExports() throws IOException {
        savedState = System.getProperty(RollbackMemory.PROPERTY);
        Path clinicFolder = shared.resolve("clinic");
        Path pristine = shared.resolve("pristine");
        useStateFolder("state-clinic");
        TestClinic clinic = new TestClinic(clinicFolder);
        try {
            Folders.copy(clinicFolder, pristine);
            Path scan = Files.write(shared.resolve("scan.bin"), new Random(7).ints(3000, 0, 256)
                    .collect(ByteArrayOutputStream::new, ByteArrayOutputStream::write, (a, b) -> { }).toByteArray());
            try (Session lee = clinic.lee()) {
                clinic.workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Sprained ankle", null,
                        "Rest and ice.", List.of(scan)));
                patientFile = export(clinic.workspace, lee, ExportScope.patient(clinic.mrn), false, "patient");
                doctorFile = export(clinic.workspace, lee, ExportScope.doctor("dr.lee"), true, "doctor");
            }
        } finally {
            clinic.workspace.close();
        }
        useStateFolder("state-other");
        TestClinic other = new TestClinic(shared.resolve("other"));
        try (Session lee = other.lee()) {
            otherClinicFile = export(other.workspace, lee, ExportScope.patient(other.mrn), false, "other");
        } finally {
            other.workspace.close();
        }
        useStateFolder("state-receiver");
        receiving = Folders.copy(pristine, shared.resolve("receiving"));
        receiver = Workspace.open(receiving, false, Clock.systemUTC(), KeyDerivationTuning.minimum());
        receiverSession = receiver.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray());
        emptyFolder = Files.createDirectory(shared.resolve("empty"));
        useStateFolder("state-replica");
    }

    /**
     * Staging folders that appeared while a file was checked. Other builds on the same computer
     * make and remove theirs in the same temporary folder, so a name is only held against these
     * checks if it is still there when the test ends; a folder they left would be.
     */
    private static final java.util.Set<String> appearedDuringChecks = new java.util.TreeSet<>();

    @AfterEach
    void noStagingFolderIsLeftBehind() throws IOException {
        List<String> left = new ArrayList<>(stagingFolders());
        left.retainAll(appearedDuringChecks);
        appearedDuringChecks.clear();
        assertThat(left).as("staging folders left behind").isEmpty();
    }

    @AfterAll
    static void closeReceiver() {
        receiverSession.close();
        receiver.close();
        if (savedState == null) {
            System.clearProperty(RollbackMemory.PROPERTY);
        } else {
            System.setProperty(RollbackMemory.PROPERTY, savedState);
        }
    }

    private static void useStateFolder(String name) {
        System.setProperty(RollbackMemory.PROPERTY, shared.resolve(name).toString());
    }

    private static byte[] export(Workspace workspace, Session session, ExportScope scope, boolean newMachine,
            String name) throws IOException {
        Path out = shared.resolve(name + ExportFile.EXTENSION);
        workspace.exchange().export(session, scope, newMachine, out, false, Progress.NONE, Cancel.NEVER);
        return Files.readAllBytes(out);
    }

    // ---- the originals are accepted, so every refusal below is the change's doing ----

    @Test
    void theOriginalsVerifyAndImport() throws IOException {
        for (byte[] original : List.of(patientFile, doctorFile)) {
            Path file = write(original);
            assertThat(ExchangeService.verifyExport(file, null, Progress.NONE, Cancel.NEVER).intact()).isTrue();
            assertThat(readerRefusal(original)).isNull();
            Path copy = Folders.copy(receiving, shared.resolve("control-" + checked++));
            useStateFolder("state-control-" + checked);
            try (Workspace workspace = Workspace.open(copy, false, Clock.systemUTC(), KeyDerivationTuning.minimum());
                    Session lee = workspace.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray())) {
                assertThat(workspace.exchange().importFile(lee, file, Progress.NONE, Cancel.NEVER).outcome())
                        .isEqualTo(ImportSummary.Outcome.MERGED);
            }
        }
        useStateFolder("state-control-replica");
        Path replica = Files.createDirectory(shared.resolve("control-replica"));
        assertThat(ExchangeService.startReplica(replica, write(doctorFile), "dr.lee",
                TestClinic.LEE_PASSWORD.toCharArray(), Progress.NONE, Cancel.NEVER).outcome())
                .isEqualTo(ImportSummary.Outcome.REPLICA);
        useStateFolder("state-replica");
    }

    // ---- the check every changed file must pass ----

    /**
     * Requires {@code mutated} to be refused by the offline check, by an import into the receiving
     * clinic folder and, with {@code replica}, by making a replica in an empty folder, each in one
     * line, with both folders as they were and no staging folder left behind.
     */
    static void refusedEverywhere(String what, byte[] mutated, boolean replica, ClinicFingerprint expected)
            throws IOException {
        Path file = write(mutated);
        List<String> stagingBefore = stagingFolders();
        try {
            ExportVerdict verdict = ExchangeService.verifyExport(file, expected, Progress.NONE, Cancel.NEVER);
            assertThat(verdict.intact()).as(what + ": verify-export said intact").isFalse();
        } catch (InvalidInputException refused) {
            assertOneLine(what, refused);
        }

        FolderState before = state(receiving);
        try {
            ImportSummary summary = receiver.exchange().importFile(receiverSession, file, Progress.NONE, Cancel.NEVER);
            fail(what + ": imported: " + summary.headline());
        } catch (InvalidInputException | RefusedException refused) {
            assertOneLine(what, refused);
        }
        assertThat(state(receiving)).as(what + ": the receiving folder changed").isEqualTo(before);

        if (replica) {
            FolderState empty = state(emptyFolder);
            try {
                ExchangeService.startReplica(emptyFolder, file, "dr.lee",
                        TestClinic.LEE_PASSWORD.toCharArray(), Progress.NONE, Cancel.NEVER);
                fail(what + ": made a replica");
            } catch (InvalidInputException | RefusedException refused) {
                assertOneLine(what, refused);
            }
            assertThat(state(emptyFolder)).as(what + ": the empty folder changed").isEqualTo(empty);
        }
        List<String> appeared = new ArrayList<>(stagingFolders());
        appeared.removeAll(stagingBefore);
        appearedDuringChecks.addAll(appeared);
        Files.delete(file);
    }

    private static void assertOneLine(String what, RuntimeException refused) {
        assertThat(refused.getMessage()).as(what).isNotBlank().doesNotContain("\n");
    }

    /** Everything below {@code root}, but not the root's own time, which a staging folder made and removed in it touches. */
    private static FolderState state(Path root) {
        return FolderState.of(root, name -> !name.isEmpty());
    }

    private static List<String> stagingFolders() throws IOException {
        try (Stream<Path> temporary = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            List<String> names = new ArrayList<>(temporary.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("clinicledger-staging-")).toList());
            try (Stream<Path> inside = Files.list(receiving)) {
                inside.map(path -> path.getFileName().toString()).filter(name -> name.startsWith(".import-"))
                        .forEach(names::add);
            }
            return names;
        }
    }

    // ---- byte flips ----

    @Test
    void everyByteOfTheFormatLineHeaderAndTrailerFlippedIsRefused() throws IOException {
        for (Reference reference : references()) {
            List<Section> sections = sections(reference.bytes);
            Section header = sections.get(0);
            Section trailer = sections.get(sections.size() - 1);
            int signatureLine = signatureLineStart(reference.bytes, trailer);
            List<Mutation> mutations = new ArrayList<>();
            for (int at = 0; at < reference.bytes.length; at++) {
                if (at == header.end()) {
                    at = trailer.offset();
                }
                for (int mask : new int[] {0x01, 0xff}) {
                    mutations.add(Mutation.flip(reference.bytes, at, mask));
                }
            }
            assertThat(mutations).hasSizeGreaterThan(2 * (ExportFile.MAGIC.length + 300));
            List<Mutation> readerMissed = new ArrayList<>();
            for (Mutation mutation : mutations) {
                if (readerRefusal(mutation.bytes) == null) {
                    readerMissed.add(mutation);
                }
            }
            // The digest covers every byte before the trailer's note and the note's text is checked
            // against what was read: only its signature is left to the staged verification.
            assertThat(readerMissed).allSatisfy(missed -> assertThat(missed.at).isGreaterThanOrEqualTo(signatureLine));
            SignedNote.VerifierKey nodeKey = reference.verifierKey();
            for (Mutation missed : readerMissed) {
                byte[] note = Arrays.copyOfRange(missed.bytes, trailer.bodyOffset(), trailer.end());
                try {
                    SignedNote.open(note, nodeKey);
                    fail(missed.describe(reference) + ": the trailer's signature still verifies");
                } catch (IllegalArgumentException expected) {
                    // the staged verification refuses it the same way (StagedExport#checkSignature)
                }
            }
            refusedEverywhere(reference, sample(mutations, 4, 11));
            refusedEverywhere(reference, sample(readerMissed, 4, 12));
        }
    }

    @Test
    void aSampleOfFlipsAcrossRowsAndFileDataIsRefused() throws IOException {
        for (Reference reference : references()) {
            List<Section> sections = sections(reference.bytes);
            int from = sections.get(0).end();
            int to = sections.get(sections.size() - 1).offset();
            Random random = new Random(reference.name.hashCode());
            List<Mutation> mutations = new ArrayList<>();
            for (int n = 0; n < 200; n++) {
                mutations.add(Mutation.flip(reference.bytes, from + random.nextInt(to - from), n % 2 == 0 ? 0x01 : 0xff));
            }
            for (Section section : sections) {
                if (section.type() == ExportFile.DATA) {
                    for (int n = 0; n < 20; n++) {
                        int at = section.bodyOffset() + random.nextInt(section.length() - 5);
                        mutations.add(Mutation.flip(reference.bytes, at, 1 << random.nextInt(8)));
                    }
                }
            }
            assertThat(mutations.stream().filter(m -> inData(sections, m.at))).hasSizeGreaterThanOrEqualTo(20);
            refusedByTheReader(reference, mutations);
            refusedEverywhere(reference, sample(mutations, 6, 13));
        }
    }

    // ---- cut short, made longer ----

    @Test
    void aFileCutShortAtEverySectionBoundaryAndBetweenIsRefused() throws IOException {
        for (Reference reference : references()) {
            List<Mutation> boundaries = new ArrayList<>();
            boundaries.add(Mutation.cut(reference.bytes, 0));
            boundaries.add(Mutation.cut(reference.bytes, ExportFile.MAGIC.length - 1));
            List<Section> sections = sections(reference.bytes);
            for (Section section : sections) {
                boundaries.add(Mutation.cut(reference.bytes, section.offset()));
                boundaries.add(Mutation.cut(reference.bytes, section.offset() + 1));
                boundaries.add(Mutation.cut(reference.bytes, section.bodyOffset()));
            }
            boundaries.add(Mutation.cut(reference.bytes, reference.bytes.length - 1));
            Random random = new Random(reference.name.hashCode() + 1);
            List<Mutation> between = new ArrayList<>();
            for (int n = 0; n < 100; n++) {
                between.add(Mutation.cut(reference.bytes, random.nextInt(reference.bytes.length)));
            }
            refusedByTheReader(reference, boundaries);
            refusedByTheReader(reference, between);
            Section trailer = sections.get(sections.size() - 1);
            refusedEverywhere(reference, List.of(Mutation.cut(reference.bytes, sections.get(1).offset()),
                    Mutation.cut(reference.bytes, trailer.offset()), Mutation.cut(reference.bytes, trailer.bodyOffset()),
                    Mutation.cut(reference.bytes, reference.bytes.length - 1)));
            refusedEverywhere(reference, sample(between, 2, 14));
        }
    }

    @Test
    void bytesOrAWholeSectionAppendedAreRefused() throws IOException {
        for (Reference reference : references()) {
            List<Section> sections = sections(reference.bytes);
            Section data = sections.stream().filter(s -> s.type() == ExportFile.DATA).findFirst().orElseThrow();
            Section trailer = sections.get(sections.size() - 1);
            List<Mutation> appended = List.of(
                    Mutation.append(reference.bytes, "a zero byte", new byte[1]),
                    Mutation.append(reference.bytes, "a newline", new byte[] {'\n'}),
                    Mutation.append(reference.bytes, "a data section", slice(reference.bytes, data)),
                    Mutation.append(reference.bytes, "a second trailer", slice(reference.bytes, trailer)));
            refusedByTheReader(reference, appended);
            refusedEverywhere(reference, appended);
        }
    }

    // ---- sections duplicated, dropped, swapped ----

    @Test
    void sectionsDuplicatedDroppedOrSwappedAreRefused() throws IOException {
        for (Reference reference : references()) {
            List<byte[]> parts = parts(reference.bytes);
            List<Mutation> mutations = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                List<byte[]> twice = new ArrayList<>(parts);
                twice.add(i, parts.get(i));
                mutations.add(new Mutation("section " + i + " duplicated", -1, join(twice)));
                List<byte[]> dropped = new ArrayList<>(parts);
                dropped.remove(i);
                mutations.add(new Mutation("section " + i + " dropped", -1, join(dropped)));
                if (i + 1 < parts.size() && !Arrays.equals(parts.get(i), parts.get(i + 1))) {
                    List<byte[]> swapped = new ArrayList<>(parts);
                    java.util.Collections.swap(swapped, i, i + 1);
                    mutations.add(new Mutation("sections " + i + " and " + (i + 1) + " swapped", -1, join(swapped)));
                }
            }
            refusedByTheReader(reference, mutations);
            refusedEverywhere(reference, sample(mutations, 6, 15));
        }
    }

    // ---- re-signed, another clinic, another version ----

    @Test
    void aFileReSignedByAKeyTheClinicNeverAuthorizedIsRefused() throws IOException {
        byte[] stranger = new byte[32];
        new Random(3).nextBytes(stranger);
        byte[] otherClinicsNode = nodeSeed(shared.resolve("other"));
        for (Reference reference : references()) {
            List<byte[]> body = partsBeforeTrailer(reference.bytes);
            List<byte[]> changedHeader = new ArrayList<>(body);
            changedHeader.set(1, section(ExportFile.HEADER, json(reference.header().put("exportedBy", "admin"))));
            List<byte[]> changedRow = changeARow(body);
            String realName = reference.verifierKey().name();
            refusedEverywhere(reference, List.of(
                    new Mutation("re-signed by a stranger's key", -1, reference.resign(body, stranger, null, t -> t)),
                    new Mutation("re-signed by a stranger's key under the node key's name", -1,
                            reference.resign(body, stranger, realName, t -> t)),
                    new Mutation("header changed, re-signed by a stranger", -1,
                            reference.resign(changedHeader, stranger, realName, t -> t)),
                    new Mutation("a row changed, re-signed by another clinic's node key", -1,
                            reference.resign(changedRow, otherClinicsNode, null, t -> t)),
                    new Mutation("header changed, re-signed by another clinic's node key under this one's name", -1,
                            reference.resign(changedHeader, otherClinicsNode, realName, t -> t)),
                    // A machine of the clinic turned hostile signs well, but the chains still refuse the change.
                    new Mutation("a row changed, re-signed by the clinic's own node key", -1,
                            reference.resign(changedRow, reference.nodeSeed(), null, t -> t))));
        }
    }

    @Test
    void anotherClinicsFileIsRefusedHereAndAnotherVersionEverywhere() throws IOException {
        Reference doctor = references().get(1);
        refusedEverywhere(doctor, List.of(new Mutation("another clinic's export", -1, otherClinicFile)),
                receiverFingerprint());

        List<byte[]> body = partsBeforeTrailer(doctor.bytes);
        byte[] magic2 = doctor.bytes.clone();
        magic2[ExportFile.MAGIC.length - 2] = '2';
        List<byte[]> header2 = new ArrayList<>(body);
        header2.set(1, section(ExportFile.HEADER, json(doctor.header().put("format", "clinicledger-export/2"))));
        List<byte[]> line2 = new ArrayList<>(body);
        line2.set(0, "clinicledger-export/2\n".getBytes(StandardCharsets.US_ASCII));
        List<Mutation> versions = List.of(new Mutation("format line of version 2", -1, magic2),
                new Mutation("format line and trailer of version 2, signed", -1,
                        doctor.resign(line2, doctor.nodeSeed(), null, t -> t.replace(ExportFile.FORMAT,
                                "clinicledger-export/2"))),
                new Mutation("header of version 2, signed", -1, doctor.resign(header2, doctor.nodeSeed(), null, t -> t)),
                new Mutation("trailer of version 2, signed", -1, doctor.resign(body, doctor.nodeSeed(), null,
                        t -> t.replace(ExportFile.FORMAT, "clinicledger-export/2"))));
        refusedByTheReader(doctor, versions);
        assertThat(readerRefusal(magic2)).contains("newer version");
        refusedEverywhere(doctor, versions);
    }

    // ---- hostile content, framed and signed by the clinic's own machine so only it is wrong ----

    @Test
    void hostileContentIsRefusedInOneLine() throws IOException {
        Reference doctor = references().get(1);
        List<byte[]> body = partsBeforeTrailer(doctor.bytes);
        int firstRow = indexOf(body, ExportFile.ROW, 0);
        int firstFile = indexOf(body, ExportFile.FILE, 0);
        int machine = indexOf(body, ExportFile.MACHINE, 0);
        ObjectNode row = (ObjectNode) JSON.readTree(Arrays.copyOfRange(body.get(firstRow), 5, body.get(firstRow).length));
        ObjectNode file = (ObjectNode) JSON.readTree(Arrays.copyOfRange(body.get(firstFile), 5, body.get(firstFile).length));
        ObjectNode grant = (ObjectNode) JSON.readTree(Arrays.copyOfRange(body.get(machine), 5, body.get(machine).length));
        List<Mutation> hostile = new ArrayList<>();
        hostile.add(doctor.signed("a header with an unknown field", replace(body, 1,
                section(ExportFile.HEADER, json(doctor.header().put("extra", 1))))));
        hostile.add(doctor.signed("a header with a field named with control characters", replace(body, 1,
                section(ExportFile.HEADER, json(doctor.header().put("a\nb\u001b[31m\r", 1))))));
        hostile.add(doctor.signed("a header over 16 KiB", replace(body, 1, section(ExportFile.HEADER,
                json(doctor.header().put("subject", "x".repeat(ExportFile.MAX_HEADER_BYTES)))))));
        hostile.add(doctor.signed("a row nested 100000 deep", replace(body, firstRow, section(ExportFile.ROW,
                ("{\"t\":\"clinic\",\"r\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")
                        .getBytes(StandardCharsets.US_ASCII)))));
        hostile.add(doctor.signed("a row with a number of a million digits", replace(body, firstRow,
                section(ExportFile.ROW, ("{\"t\":\"clinic\",\"r\":[" + "9".repeat(1_000_000) + "]}")
                        .getBytes(StandardCharsets.US_ASCII)))));
        hostile.add(doctor.signed("a row with 1e999999", replace(body, firstRow, section(ExportFile.ROW,
                json(row.deepCopy().set("r", JSON.createArrayNode().add(new java.math.BigDecimal("1e999999"))))))));
        hostile.add(doctor.signed("a row of a table named with a path", replace(body, firstRow,
                section(ExportFile.ROW, json(row.deepCopy().put("t", "../../etc/passwd"))))));
        hostile.add(doctor.signed("a file whose address is a path", replace(body, firstFile,
                section(ExportFile.FILE, json(file.deepCopy().put("address", "../../../../../../tmp/clinicledger-x"))))));
        hostile.add(doctor.signed("a file declaring a size beyond the file", replace(body, firstFile,
                section(ExportFile.FILE, json(file.deepCopy().put("size", 1L << 40))))));
        hostile.add(doctor.signed("a file declaring a size over the limit", replace(body, firstFile,
                section(ExportFile.FILE, json(file.deepCopy().put("size", ExportFile.MAX_FILE_BYTES + 1))))));
        hostile.add(doctor.signed("a file declaring a negative size", replace(body, firstFile,
                section(ExportFile.FILE, json(file.deepCopy().put("size", -1))))));
        hostile.add(doctor.signed("a machine grant for a chain named with a path", replace(body, machine,
                section(ExportFile.MACHINE, json(grant.deepCopy().put("chain", "node/../../../etc"))))));
        hostile.add(doctor.signed("a trailer counting more rows than any export holds", body,
                t -> t.replaceFirst("\nrows [0-9]+\n", "\nrows 99999999999999999\n")));
        hostile.add(doctor.signed("a trailer with a count of 20 digits", body,
                t -> t.replaceFirst("\nrows [0-9]+\n", "\nrows 18446744073709551617\n")));
        for (byte type : new byte[] {ExportFile.HEADER, ExportFile.ROW, ExportFile.FILE, ExportFile.DATA,
                ExportFile.MACHINE, ExportFile.TRAILER}) {
            int at = type == ExportFile.HEADER ? 1 : type == ExportFile.TRAILER ? body.size() - 1
                    : indexOf(body, type, 0);
            List<byte[]> huge = new ArrayList<>(body.subList(0, at));
            huge.add(new byte[] {type, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            hostile.add(new Mutation("a " + (char) type + " section of length 0xFFFFFFFF", -1, join(huge)));
        }
        hostile.add(new Mutation("a section of an unknown type", -1, join(replace(body, firstRow,
                new byte[] {'X', 0, 0, 0, 2, '{', '}'}))));
        refusedByTheReader(doctor, hostile);
        refusedEverywhere(doctor, hostile);
        // Well formed and signed by the clinic's machine, so it verifies and a clinic may import it;
        // only a replica's start must refuse it, for the grant is for another person.
        Path forAdmin = write(doctor.signed("a machine grant for someone else", replace(body, machine,
                section(ExportFile.MACHINE, json(grant.deepCopy().put("for", "admin"))))).bytes);
        FolderState empty = state(emptyFolder);
        assertThatThrownBy(() -> ExchangeService.startReplica(emptyFolder, forAdmin, "dr.lee",
                TestClinic.LEE_PASSWORD.toCharArray(), Progress.NONE, Cancel.NEVER))
                .isInstanceOf(RefusedException.class).hasMessageContaining("for admin, not for dr.lee");
        assertThat(state(emptyFolder)).isEqualTo(empty);
    }

    // ---- helpers ----

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One reference export: its bytes, whether it starts a machine, and the folder of the machine that signed it. */
    record Reference(String name, byte[] bytes, boolean startsMachine, Path folder) {
        ObjectNode header() throws IOException {
            Section header = sections(bytes).get(0);
            return (ObjectNode) JSON.readTree(Arrays.copyOfRange(bytes, header.bodyOffset(), header.end()));
        }

        byte[] nodeSeed() throws IOException {
            return ExportMutationTest.nodeSeed(folder);
        }

        SignedNote.VerifierKey verifierKey() throws IOException {
            return Checkpoints.verifierKey(new ClinicFingerprint(header().get("clinic").textValue()),
                    Ed25519.publicKey(nodeSeed()));
        }

        /**
         * {@code parts} (the format line and every section before the trailer) with a trailer whose
         * counts and digest fit them, its text passed through {@code text}, signed by {@code seed}
         * under {@code name} (null: the name that key would have as a node of this clinic).
         */
        byte[] resign(List<byte[]> parts, byte[] seed, String name, UnaryOperator<String> text) throws IOException {
            ObjectNode header = header();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long rows = 0;
            long files = 0;
            long fileBytes = 0;
            for (byte[] part : parts) {
                out.write(part);
                if (part[0] == ExportFile.ROW) {
                    rows++;
                } else if (part[0] == ExportFile.FILE) {
                    files++;
                    JsonNode size = JSON.readTree(Arrays.copyOfRange(part, 5, part.length)).get("size");
                    fileBytes += size == null ? 0 : size.asLong();
                }
            }
            out.write(ExportFile.TRAILER);
            byte[] signed = out.toByteArray();
            byte[] publicKey = Ed25519.publicKey(seed);
            SignedNote.VerifierKey key = Checkpoints.verifierKey(new ClinicFingerprint(header.get("clinic").textValue()),
                    publicKey);
            if (name != null) {
                key = SignedNote.VerifierKey.of(name, publicKey);
            }
            String note = SignedNote.sign(text.apply(ExportFile.trailerText(header.get("clinic").textValue(),
                    header.get("node").textValue(), rows, files, fileBytes, signed.length, Sha256.digest(signed))),
                    key, message -> Ed25519.sign(seed, message));
            byte[] noteBytes = note.getBytes(StandardCharsets.UTF_8);
            out.write(ByteBuffer.allocate(4).putInt(noteBytes.length).array());
            out.write(noteBytes);
            return out.toByteArray();
        }

        Mutation signed(String what, List<byte[]> parts) throws IOException {
            return signed(what, parts, t -> t);
        }

        Mutation signed(String what, List<byte[]> parts, UnaryOperator<String> text) throws IOException {
            return new Mutation(what + ", signed by the clinic's node key", -1, resign(parts, nodeSeed(), null, text));
        }
    }

    /** One changed file: what was done, where (-1 for changes that are not at one offset), and its bytes. */
    record Mutation(String what, int at, byte[] bytes) {
        static Mutation flip(byte[] original, int at, int mask) {
            byte[] bytes = original.clone();
            bytes[at] ^= (byte) mask;
            return new Mutation("byte " + at + " xor 0x" + Integer.toHexString(mask), at, bytes);
        }

        static Mutation cut(byte[] original, int length) {
            return new Mutation("cut to " + length + " bytes", length, Arrays.copyOf(original, length));
        }

        static Mutation append(byte[] original, String what, byte[] extra) {
            byte[] bytes = Arrays.copyOf(original, original.length + extra.length);
            System.arraycopy(extra, 0, bytes, original.length, extra.length);
            return new Mutation(what + " appended", original.length, bytes);
        }

        String describe(Reference reference) {
            return reference.name + " export, " + what;
        }
    }

    private static List<Reference> references() {
        Path clinic = shared.resolve("clinic");
        return List.of(new Reference("patient", patientFile, false, clinic),
                new Reference("doctor (new machine)", doctorFile, true, clinic));
    }

    static byte[] nodeSeed(Path folder) throws IOException {
        return Hex.decode(Files.readString(folder.resolve(NodeIdentity.FILE_NAME), StandardCharsets.US_ASCII).strip());
    }

    private static ClinicFingerprint receiverFingerprint() {
        return receiver.database().read("read the clinic", work -> receiver.ledger().clinicFingerprint(work));
    }

    /** Every mutation is refused by the reader itself, the first step of every path that reads a file. */
    private static void refusedByTheReader(Reference reference, List<Mutation> mutations) {
        for (Mutation mutation : mutations) {
            String refusal = readerRefusal(mutation.bytes);
            assertThat(refusal).as(mutation.describe(reference) + " was read whole").isNotNull();
            assertThat(refusal).as(mutation.describe(reference)).startsWith("This is not a ClinicLedger export file: ")
                    .doesNotContain("\n");
        }
    }

    private static void refusedEverywhere(Reference reference, List<Mutation> mutations) throws IOException {
        refusedEverywhere(reference, mutations, null);
    }

    private static void refusedEverywhere(Reference reference, List<Mutation> mutations, ClinicFingerprint expected)
            throws IOException {
        for (Mutation mutation : mutations) {
            refusedEverywhere(mutation.describe(reference), mutation.bytes, reference.startsMachine, expected);
        }
    }

    /** A seeded sample of {@code count} of {@code all}. */
    private static <T> List<T> sample(List<T> all, int count, long seed) {
        List<T> shuffled = new ArrayList<>(all);
        java.util.Collections.shuffle(shuffled, new Random(seed));
        return shuffled.subList(0, Math.min(count, shuffled.size()));
    }

    private static boolean inData(List<Section> sections, int at) {
        return sections.stream().anyMatch(s -> s.type() == ExportFile.DATA && at >= s.bodyOffset() && at < s.end());
    }

    /** Where the trailer note's signature line starts: after the blank line that ends its text. */
    private static int signatureLineStart(byte[] file, Section trailer) {
        String note = new String(file, trailer.bodyOffset(), trailer.length() - 5, StandardCharsets.UTF_8);
        int blank = note.indexOf("\n\n");
        assertThat(blank).isPositive();
        return trailer.bodyOffset() + note.substring(0, blank + 2).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The format line, then each section whole (type, length and body). */
    static List<byte[]> parts(byte[] file) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(Arrays.copyOf(file, ExportFile.MAGIC.length));
        for (Section section : sections(file)) {
            parts.add(slice(file, section));
        }
        return parts;
    }

    private static List<byte[]> partsBeforeTrailer(byte[] file) {
        List<byte[]> parts = parts(file);
        return new ArrayList<>(parts.subList(0, parts.size() - 1));
    }

    private static byte[] slice(byte[] file, Section section) {
        return Arrays.copyOfRange(file, section.offset(), section.end());
    }

    static byte[] join(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] section(byte type, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put(type).putInt(body.length).put(body).array();
    }

    private static byte[] json(JsonNode node) throws IOException {
        return JSON.writeValueAsBytes(node);
    }

    private static List<byte[]> replace(List<byte[]> parts, int index, byte[] part) {
        List<byte[]> changed = new ArrayList<>(parts);
        changed.set(index, part);
        return changed;
    }

    private static int indexOf(List<byte[]> parts, byte type, int from) {
        for (int i = Math.max(1, from); i < parts.size(); i++) {
            if (parts.get(i)[0] == type) {
                return i;
            }
        }
        throw new IllegalArgumentException("no section " + (char) type);
    }

    /** The parts with one value of the first block row changed (a letter of a long text turned into another). */
    private static List<byte[]> changeARow(List<byte[]> parts) throws IOException {
        for (int i = 1; i < parts.size(); i++) {
            byte[] part = parts.get(i);
            if (part[0] != ExportFile.ROW) {
                continue;
            }
            ObjectNode row = (ObjectNode) JSON.readTree(Arrays.copyOfRange(part, 5, part.length));
            if (!row.get("t").textValue().equals(TableRows.BLOCKS.name())) {
                continue;
            }
            ArrayNode values = (ArrayNode) row.get("r");
            for (int v = 0; v < values.size(); v++) {
                String text = values.get(v).isTextual() ? values.get(v).textValue() : "";
                if (text.length() > 20) {
                    char c = text.charAt(10);
                    values.set(v, JSON.getNodeFactory().textNode(text.substring(0, 10) + (c == 'A' ? 'B' : 'A')
                            + text.substring(11)));
                    return replace(parts, i, section(ExportFile.ROW, json(row)));
                }
            }
        }
        throw new IllegalStateException("no block row with a long value");
    }


    /** The framing of an export file: the format line, then each section's offset and length in all. */
    record Section(byte type, int offset, int length) {
        int end() {
            return offset + length;
        }

        int bodyOffset() {
            return offset + 5;
        }
    }

    static List<Section> sections(byte[] file) {
        List<Section> sections = new ArrayList<>();
        int at = ExportFile.MAGIC.length;
        while (at < file.length) {
            int length = ((file[at + 1] & 0xff) << 24) | ((file[at + 2] & 0xff) << 16) | ((file[at + 3] & 0xff) << 8)
                    | (file[at + 4] & 0xff);
            sections.add(new Section(file[at], at, 5 + length));
            at += 5 + length;
        }
        assertThat(at).isEqualTo(file.length);
        return sections;
    }

    /** What the reader alone says of {@code bytes}: null when it reads them whole, else its refusal. */
    static String readerRefusal(byte[] bytes) {
        try {
            ExportReader.read(new ByteArrayInputStream(bytes), bytes.length, DISCARD, Progress.NONE, Cancel.NEVER);
            return null;
        } catch (InvalidInputException refused) {
            return refused.getMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final ExportReader.Sink DISCARD = new ExportReader.Sink() {
        @Override
        public void header(ExportHeader header) {
        }

        @Override
        public void row(TableRows.Table table, Object[] values) {
        }

        @Override
        public ExportReader.FileSink file(String address, long size) {
            return new ExportReader.FileSink() {
                @Override
                public void write(byte[] bytes, int offset, int length) {
                }

                @Override
                public void finish() {
                }
            };
        }

        @Override
        public void machine(MachineGrant grant) {
        }
    };

    private static Path write(byte[] bytes) throws IOException {
        return Files.write(shared.resolve("mutated-" + (checked++) + ExportFile.EXTENSION), bytes);
    }
}
