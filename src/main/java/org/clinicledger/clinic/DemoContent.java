package org.clinicledger.clinic;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.clinicledger.domain.Icd10Code;
import org.clinicledger.domain.PatientDetails;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.Sex;

/**
 * The fictional people and consultations of a demo clinic, drawn from a {@link Random} so that a
 * seed gives the same clinic every time. Nothing here is about a real person: names are mixed from
 * common first and family names of many countries, contacts use the reserved {@code example.org}
 * domain and the fictional 555-01xx telephone range.
 */
final class DemoContent {

    static final List<String> CLINIC_NAMES = List.of("Riverside Family Practice", "Harbour View Clinic",
            "Maple Street Health Centre", "Northgate Medical Practice", "Old Mill Surgery", "Lakeside Community Clinic");

    private static final List<String> FEMALE = List.of("Amelia", "Sofía", "Chloé", "Aisha", "Mei", "Ingrid", "Zofia",
            "Priya", "Fatima", "Elena", "Grace", "Ana", "Nadia", "Hana", "Aroha", "Leila", "Marta", "Yuki", "Olivia",
            "Ama", "Saoirse", "Beatriz", "Emma", "Noor", "Katarzyna", "Lucía", "Astrid", "Thandiwe", "Irene", "Maëlle");
    private static final List<String> MALE = List.of("Oliver", "Mateo", "Lukas", "Kwame", "Hiroshi", "Søren", "Ravi",
            "Omar", "Dmitri", "Noah", "Liam", "João", "Émile", "Tomás", "Yusuf", "Arjun", "Mehmet", "Chen", "Finn",
            "Kofi", "Pedro", "Jakub", "Samuel", "Tariq", "Andrés", "Henrik", "Luca", "Nikolai", "Thomas", "Ibrahim");
    private static final List<String> FAMILY = List.of("Okafor", "Nguyen", "García", "Müller", "O'Brien", "Kowalski",
            "Rossi", "Haddad", "Svensson", "Tanaka", "Patel", "Dubois", "Novák", "Mensah", "Fernández", "Kim",
            "Andersen", "Silva", "Yılmaz", "Ivanova", "Murphy", "Schmidt", "Costa", "Lefèvre", "Nakamura", "Singh",
            "Walker", "Moreau", "Berg", "Horvat", "Adeyemi", "Papadopoulos", "Van der Berg", "Lindqvist", "Chowdhury",
            "Takahashi", "Rahman", "Jensen", "Kaur", "Bianchi");
    private static final List<String> SPECIALTIES = List.of("General practice", "Cardiology", "Paediatrics",
            "Dermatology", "Endocrinology", "Psychiatry", "Orthopaedics", "Neurology", "Respiratory medicine",
            "Gastroenterology");

    /** A consultation: what was found, how it presents, and what was done. */
    private record Consultation(String icd10, String diagnosis, String presentation, String plan) {
    }

    private static final List<Consultation> CONSULTATIONS = List.of(
            new Consultation("J06.9", "Acute upper respiratory infection", "sore throat, runny nose and mild fever",
                    "rest, fluids and paracetamol as needed"),
            new Consultation("I10", "Essential hypertension", "raised blood pressure on three readings",
                    "start amlodipine 5 mg daily, home readings"),
            new Consultation("E11.9", "Type 2 diabetes mellitus without complications", "HbA1c above target",
                    "increase metformin, dietitian referral"),
            new Consultation("J45.9", "Asthma", "wheeze and night cough", "review inhaler technique, step up therapy"),
            new Consultation("M54.5", "Low back pain", "back pain after lifting, no red flags",
                    "stay active, ibuprofen, physiotherapy if not better"),
            new Consultation("F41.1", "Generalized anxiety disorder", "persistent worry and poor sleep",
                    "talking therapy, follow-up in four weeks"),
            new Consultation("F32.1", "Moderate depressive episode", "low mood and loss of interest for two months",
                    "start sertraline 50 mg, safety plan agreed"),
            new Consultation("K21.9", "Gastro-oesophageal reflux disease", "heartburn after meals",
                    "omeprazole 20 mg for eight weeks, lifestyle advice"),
            new Consultation("N39.0", "Urinary tract infection", "burning on passing urine",
                    "nitrofurantoin for three days, urine culture sent"),
            new Consultation("L20.9", "Atopic dermatitis", "itchy dry patches on both elbows",
                    "emollients and a mild topical steroid"),
            new Consultation("H66.9", "Otitis media", "ear ache and fever", "analgesia, review if not better in three days"),
            new Consultation("E78.0", "Pure hypercholesterolaemia", "raised LDL cholesterol on screening",
                    "start atorvastatin 20 mg, repeat lipids in three months"),
            new Consultation("G43.9", "Migraine", "recurrent one-sided headache with nausea",
                    "triptan for attacks, headache diary"),
            new Consultation("J02.9", "Acute pharyngitis", "sore throat without cough", "symptomatic care"),
            new Consultation("A09", "Gastroenteritis", "diarrhoea and vomiting for two days",
                    "oral rehydration, return if unable to keep fluids down"),
            new Consultation("S93.4", "Sprain of ankle", "twisted ankle playing football, able to bear weight",
                    "rest, ice, compression, elevation"),
            new Consultation("E03.9", "Hypothyroidism", "tiredness and raised TSH", "start levothyroxine 50 micrograms"),
            new Consultation("D50.9", "Iron deficiency anaemia", "fatigue, low ferritin", "oral iron, recheck in six weeks"),
            new Consultation("J20.9", "Acute bronchitis", "productive cough for ten days, chest clear",
                    "no antibiotics needed, review if breathless"),
            new Consultation("M17.1", "Primary osteoarthritis of the knee", "knee pain worse on stairs",
                    "exercise programme, weight advice, analgesia"),
            new Consultation("I48.9", "Atrial fibrillation", "irregular pulse found at a routine check",
                    "ECG, anticoagulation discussed, cardiology referral"),
            new Consultation("Z00.0", "General medical examination", "routine check-up, no complaints",
                    "bloods for screening, lifestyle advice"),
            new Consultation("B34.9", "Viral infection", "fever and aches for three days", "rest and fluids"),
            new Consultation("K58.9", "Irritable bowel syndrome", "bloating and altered bowel habit",
                    "dietary advice, antispasmodic as needed"),
            new Consultation("L70.0", "Acne vulgaris", "inflamed spots on face and back",
                    "topical adapalene with benzoyl peroxide"),
            new Consultation("G47.0", "Insomnia", "difficulty falling asleep for months",
                    "sleep hygiene, cognitive behavioural therapy for insomnia"),
            new Consultation(null, "Annual medication review", "stable on current treatment", "continue, review in a year"),
            new Consultation(null, "Wound check after minor surgery", "healing well, no signs of infection",
                    "remove sutures in five days"));

    private static final List<String> DELETION_REASONS = List.of("Entered in the wrong patient's record.",
            "Duplicate of an earlier entry made the same day.", "Written in error; the consultation did not take place.");

    private DemoContent() {
    }

    static String clinicName(Random random) {
        return pick(random, CLINIC_NAMES) + " (fictional)";
    }

    static String familyName(Random random) {
        return pick(random, FAMILY);
    }

    static String doctorName(Random random, String family) {
        boolean female = random.nextBoolean();
        return "Dr " + pick(random, female ? FEMALE : MALE) + " " + family;
    }

    static String specialty(int index) {
        return SPECIALTIES.get(index % SPECIALTIES.size());
    }

    static String licence(Random random) {
        return String.format(Locale.ROOT, "MC-%06d", random.nextInt(1_000_000));
    }

    /** A username made of letters a-z only, from a family name with its accents and spaces removed. */
    static String usernamePart(String family) {
        return Demographics.searchKey(family).replaceAll("[^a-z]", "");
    }

    static PatientDetails patient(Random random, LocalDate today) {
        int roll = random.nextInt(100);
        Sex sex = roll < 49 ? Sex.FEMALE : roll < 98 ? Sex.MALE : roll < 99 ? Sex.OTHER : Sex.UNKNOWN;
        List<String> given = sex == Sex.FEMALE ? FEMALE : sex == Sex.MALE ? MALE : random.nextBoolean() ? FEMALE : MALE;
        String first = pick(random, given);
        String family = pick(random, FAMILY);
        LocalDate born = today.minusDays(1 + random.nextInt(95 * 365));
        String contact = random.nextInt(3) == 0
                ? usernamePart(first) + "." + usernamePart(family) + "@example.org"
                : String.format(Locale.ROOT, "+1 555 01%02d", random.nextInt(100));
        return new PatientDetails(first + " " + family, born, sex, contact);
    }

    /** A consultation's record: a diagnosis (most with an ICD-10 code), notes in the doctor's words. */
    static RecordInput record(Random random) {
        Consultation consultation = pick(random, CONSULTATIONS);
        int days = 1 + random.nextInt(20);
        String notes = "Presented with " + consultation.presentation() + " for " + days + (days == 1 ? " day" : " days")
                + ". " + examination(random) + " Plan: " + consultation.plan() + ".";
        return new RecordInput(consultation.diagnosis(),
                consultation.icd10() == null ? null : Icd10Code.parse(consultation.icd10()), notes, List.of());
    }

    /** The amended version of {@code earlier}: the same diagnosis with a follow-up added to the notes. */
    static RecordInput amendment(Random random, RecordInput earlier) {
        String followUp = pick(random, List.of("Follow-up: symptoms resolved.", "Follow-up: improving, continue plan.",
                "Correction: dose clarified with the pharmacy.", "Follow-up: results reviewed, no change needed."));
        return new RecordInput(earlier.diagnosis(), earlier.icd10(), earlier.notes() + "\n" + followUp, List.of());
    }

    private static String examination(Random random) {
        return String.format(Locale.ROOT, "Temperature %.1f °C, pulse %d, blood pressure %d/%d.",
                36.2 + random.nextInt(25) / 10.0, 58 + random.nextInt(40), 105 + random.nextInt(50),
                65 + random.nextInt(30));
    }

    static String deletionReason(Random random) {
        return pick(random, DELETION_REASONS);
    }

    static String referralReason(String specialty) {
        return "Specialist opinion requested (" + specialty.toLowerCase(Locale.ROOT) + ").";
    }

    static String emergencyReason() {
        return "Patient brought in unconscious; the treating team needs the record.";
    }

    /** A small attachment: a laboratory result table or a short letter, generated in memory. */
    static Attachment attachment(Random random, LocalDate day) {
        if (random.nextBoolean()) {
            StringBuilder csv = new StringBuilder("test,result,unit,reference range\n");
            csv.append(String.format(Locale.ROOT, "haemoglobin,%d,g/L,120-160%n", 110 + random.nextInt(60)));
            csv.append(String.format(Locale.ROOT, "ferritin,%d,ug/L,30-300%n", 8 + random.nextInt(200)));
            csv.append(String.format(Locale.ROOT, "HbA1c,%d,mmol/mol,20-42%n", 30 + random.nextInt(40)));
            csv.append(String.format(Locale.ROOT, "TSH,%.2f,mU/L,0.4-4.0%n", 0.3 + random.nextInt(80) / 10.0));
            return Attachment.of("lab-results-" + day + ".csv", "text/csv",
                    csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        String letter = "Dear colleague,\n\nThank you for seeing this patient. Examination and results are in the "
                + "attached record. I would be grateful for your opinion.\n\nKind regards\n";
        return Attachment.of("letter-" + day + ".txt", "text/plain",
                letter.getBytes(StandardCharsets.UTF_8));
    }

    static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
