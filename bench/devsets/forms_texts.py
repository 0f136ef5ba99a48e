"""Hand-written clinical documents in real-world layouts, for clinical_forms.json; spans marked [[TYPE|value]].

Written after the gate's rules, to see how they do on layouts the other sets hardly cover: discharge
summary and consult headers, referral letters, lab and radiology report headers, HL7 v2 segments
(carets and pipes), fax cover sheets, pharmacy labels, EOB and claim lines, nursing shift notes,
patient portal messages, chart search queries, and phone numbers and ids written with dots, spaces,
underscores, slashes, extensions and country codes. Every person, number and address is invented;
none is a canary value. Labeling follows the other dev sets: titles (Dr., RN, MD) outside the span,
states and countries never labeled, bare years and times of day never labeled, in HL7 each name
component a span of its own.
"""

FORMS = [
    # --- discharge summaries and consult headers
    "DISCHARGE SUMMARY\nPatient: [[PERSON|Margarethe Osei-Bonsu]]    MRN: [[MEDICAL_RECORD_NUMBER|7720-1193-4]]\nAdmit: [[DATE_TIME|09/14/2023]]   Discharge: [[DATE_TIME|09/19/2023]]\nAttending: [[PERSON|Rafferty, Colm]] MD",
    "Discharge Summary - [[HOSPITAL|Lakeshore Regional Medical Center]]\nName: [[PERSON|DUVALL, PRENTISS J]]  DOB: [[DATE_TIME|1949-11-02]]  Acct#: [[ACCOUNT_NUMBER|V00041187725]]\nDx: NSTEMI, s/p DES to LAD. Plavix 75 mg daily x 12 months.",
    "Date of admission: [[DATE_TIME|March 3, 2024]]. Date of discharge: [[DATE_TIME|March 8, 2024]]. Discharged to [[HOSPITAL|Willowcrest Nursing & Rehab]] in [[LOCATION|Greenfield]].",
    "CONSULTATION NOTE\nRequesting physician: Dr. [[PERSON|Ines Valcourt]]\nReason: AKI on CKD 3b, Cr 2.4 (baseline 1.6).\nPt [[PERSON|Hollis Adeyemi-Grant]], [[MEDICAL_RECORD_NUMBER|MR 00552194]], seen on [[DATE_TIME|Tuesday 10/3]].",
    "HOSPITAL COURSE: Mr. [[PERSON|Szymanski]] is a 67 y/o M admitted [[DATE_TIME|2/11]] with CAP (CURB-65 of 2). Blood cx NGTD. Transitioned to PO amoxicillin on HD3.",
    "Follow-up: PCP Dr. [[PERSON|Anneliese Marchbanks]] within 7 days, tel [[PHONE_NUMBER|(603) 555-0187 ext. 312]]. Cardiology f/u [[DATE_TIME|10/02/23]] at 9:40 AM.",
    "Pt name: [[PERSON|Yevgenia Torvalsen]] | Room 4412-B | Adm [[DATE_TIME|12-Jan-2024]] | Enc# [[OTHER_ID|E0093318201]] | Code status: DNR/DNI",
    "Transferred from [[HOSPITAL|Saint Brendan's Hospital]] ([[LOCATION|Fall River]]) on [[DATE_TIME|6/30/2024]] for higher level of care; outside MR# [[MEDICAL_RECORD_NUMBER|SB 4471092]].",
    # --- referral and consult letters
    "Dear Dr. [[PERSON|Kamau]],\nThank you for seeing [[PERSON|Ottilie Brennagh]] (DOB [[DATE_TIME|07.08.1962]]), whom I am referring for evaluation of a thyroid nodule (TI-RADS 4).\nSincerely,\n[[PERSON|Lucius Abernethy-Ward]], MD",
    "RE: [[PERSON|Bartholomew Ng]]  DOB: [[DATE_TIME|04/22/1958]]  Health Plan ID: [[HEALTH_PLAN_NUMBER|ZHP 884 120 337]]\nI saw your patient today in the movement disorders clinic.",
    "To: [[HOSPITAL|Riverside Sleep Center]]\nFrom: [[PERSON|Priyanka Suryavanshi]], FNP\nPlease schedule PSG for [[PERSON|Desmond Achterberg]], call [[PHONE_NUMBER|1-413-555-0109]] to book. Insurance: BCBS, member # [[HEALTH_PLAN_NUMBER|XYL908771243]].",
    "cc: Dr. [[PERSON|M. Oyelowo]]; Dr. [[PERSON|F. Castellano-Ruiz]]; [[HOSPITAL|Northgate Family Practice]]",
    "I had the pleasure of seeing Mrs. [[PERSON|Ilse Thornbury]]'s grandson, [[PERSON|Caspian]], age 9, for recurrent otitis media. His mother [[PERSON|Wren]] accompanied him.",
    "Referring provider NPI: [[LICENSE_NUMBER|1740298817]]. Referral auth #: [[OTHER_ID|RA-2024-0098812]]. Valid through [[DATE_TIME|12/31/2024]].",
    # --- lab and radiology report headers
    "LABORATORY REPORT\nPatient: [[PERSON|QUIGLEY, ROSALEEN M]]\nMRN: [[MEDICAL_RECORD_NUMBER|000-881-442]]   Sex: F   Age: 71\nCollected: [[DATE_TIME|08/17/2023]] 06:45   Received: [[DATE_TIME|08/17/2023]] 07:30\nAccession: [[OTHER_ID|23-CH-0418829]]",
    "Specimen ID [[OTHER_ID|S24-118837]] | Ordering: [[PERSON|Halvorsen, Dag]] MD | Na 138 (135-145) K 5.6 H (3.5-5.1) Cl 101 CO2 22",
    "RADIOLOGY REPORT\nExam: CT abdomen/pelvis w/ contrast\nPt: [[PERSON|Teodoro Villanueva-Paz]]   MRN [[MEDICAL_RECORD_NUMBER|RH1120987]]   DOS [[DATE_TIME|2024-02-19]]\nFINDINGS: 1.4 cm hypodense lesion segment VII, likely cyst. IMPRESSION: No acute process.",
    "Study: MRI brain w/wo | Accession # [[OTHER_ID|MR8841027]] | Referring: Dr [[PERSON|Okoro]] | Read by [[PERSON|Sibylle Armitage]], MD on [[DATE_TIME|11/30/2023]]",
    "Pathology: [[OTHER_ID|SP-23-014471]]. Received in formalin labeled with the patient's name ([[PERSON|Fenwick, Annabel]]) and medical record number ([[MEDICAL_RECORD_NUMBER|44019827]]). Invasive ductal carcinoma, grade 2, ER+/PR+/HER2-.",
    "Micro: blood culture [[DATE_TIME|10/05]] - Staphylococcus epidermidis 1/2 bottles, likely contaminant. Called to RN [[PERSON|Jolene]] at 14:22, read back verified.",
    # --- HL7 v2 segments
    "PID|1||[[MEDICAL_RECORD_NUMBER|556201873]]^^^LKS^MR||[[PERSON|HARGREAVES]]^[[PERSON|TOBIAS]]^R||[[DATE_TIME|19520819]]|M|||[[STREET_ADDRESS|27 Quarry Hill Rd]]^^[[LOCATION|Montague]]^MA^[[ZIP_CODE|01351]]||[[PHONE_NUMBER|(413)555-0133]]|||||[[ACCOUNT_NUMBER|A0098821452]]|[[US_SSN|031-58-2294]]",
    "PV1|1|I|4W^412^B||||[[LICENSE_NUMBER|1558392014]]^[[PERSON|OKAFOR]]^[[PERSON|CHIDI]]^^^MD|||MED||||||||[[OTHER_ID|V7781022]]|||||||||||||||||||||||||[[DATE_TIME|20240311083000]]",
    "NK1|1|[[PERSON|HARGREAVES]]^[[PERSON|MAUDE]]|SPO|[[STREET_ADDRESS|27 Quarry Hill Rd]]^^[[LOCATION|Montague]]^MA^[[ZIP_CODE|01351]]|[[PHONE_NUMBER|413.555.0134]]",
    "IN1|1|BCBSMA|00112|BLUE CROSS MA||||[[HEALTH_PLAN_NUMBER|GRP-440918]]|||||||[[PERSON|HARGREAVES]]^[[PERSON|TOBIAS]]|SEL|[[DATE_TIME|19520819]]||||||||||||||||[[HEALTH_PLAN_NUMBER|XJB882019334]]",
    "OBR|1|[[OTHER_ID|ORD448120]]|[[OTHER_ID|FIL992013]]|80053^COMPREHENSIVE METABOLIC PANEL|||[[DATE_TIME|20231104071500]]",
    # --- fax cover sheets
    "FAX COVER SHEET\nTo: Dr. [[PERSON|Arkadiusz Wrona]]   Fax: [[PHONE_NUMBER|(207) 555-0161]]\nFrom: [[HOSPITAL|Penobscot Valley Cardiology]]   Phone: [[PHONE_NUMBER|207.555.0162]]\nDate: [[DATE_TIME|1/9/24]]   Pages: 4 (incl. cover)\nRE: [[PERSON|Clement Abara]], DOB [[DATE_TIME|5/5/1955]]",
    "CONFIDENTIALITY NOTICE: This fax contains PHI. If received in error call [[PHONE_NUMBER|800-555-0199]] and destroy all copies. Sent to [[PHONE_NUMBER|+1 (860) 555-0174]] on [[DATE_TIME|Nov 14]].",
    "Attn: Medical Records / ROI\nPlease release records of [[PERSON|Evangeline Sørensen]] (SSN xxx-xx-[[US_SSN|4471]], DOB [[DATE_TIME|09-12-1971]]) for dates of service [[DATE_TIME|01/01/2022]] - [[DATE_TIME|06/30/2023]].",
    # --- pharmacy labels and prescriptions
    "Rx# [[OTHER_ID|6620194-07]]  [[PERSON|LINDQVIST, ASTRID]]\nLISINOPRIL 10 MG TAB  Qty 90  Refills 3\nTake 1 tablet by mouth daily\nDr. [[PERSON|P. Mahendran]]  Filled [[DATE_TIME|04/02/24]]",
    "Pharmacy: call [[PHONE_NUMBER|555-867-0142]] to refill. Pt [[PERSON|Rosario Quintanilla]], [[STREET_ADDRESS|1180 Old Mill Rd Apt 6]], [[LOCATION|Brattleboro]] VT",
    "e-Rx sent to CVS #4412 for [[PERSON|Mateusz Zielinski]]: apixaban 5 mg BID #60. Prescriber DEA [[LICENSE_NUMBER|FM3317204]], NPI [[LICENSE_NUMBER|1093847265]].",
    "Prior authorization for Ozempic 0.5 mg weekly approved [[DATE_TIME|8/22/2023]], PA ref [[OTHER_ID|PA77120943]], member [[HEALTH_PLAN_NUMBER|MX0041928837]].",
    # --- EOB and claims lines
    "EXPLANATION OF BENEFITS\nMember: [[PERSON|Ferdinand Alcott]]   Member ID: [[HEALTH_PLAN_NUMBER|W 2280 1177 4]]   Group: [[HEALTH_PLAN_NUMBER|00418-220]]\nClaim #: [[OTHER_ID|2023-1104-77812]]   Date of service: [[DATE_TIME|10/19/2023]]\nBilled $412.00  Allowed $188.35  You owe $37.67",
    "CLM*[[OTHER_ID|PT8841927]]*1250.00***11:B:1*Y*A*Y*Y~NM1*IL*1*[[PERSON|PEMBERTON]]*[[PERSON|OLIVE]]****MI*[[HEALTH_PLAN_NUMBER|YQX440192018]]~DTP*472*D8*[[DATE_TIME|20240115]]~",
    "Claim [[OTHER_ID|88201-4471-03]] for [[PERSON|Abernathy, Louise]] denied: CO-97 bundled with 99214. Appeal by [[DATE_TIME|02/14/2024]].",
    "Subscriber [[PERSON|Gideon Fairweather]], ID [[HEALTH_PLAN_NUMBER|UHC-99812044]], dependent [[PERSON|Noor Fairweather]]; deductible met 1,500/1,500; coinsurance 20%.",
    "Payment posted to guarantor acct [[ACCOUNT_NUMBER|4471-0092-18]] on [[DATE_TIME|5/17/24]], check #10442, amount $220.00.",
    "Medicaid ID [[HEALTH_PLAN_NUMBER|NY7741209Q]] verified via eligibility check [[DATE_TIME|07/01/2024]]; copay $0.",
    # --- nursing shift notes
    "0700-1900 RN note: Pt [[PERSON|Ingrid Bjornsdottir]] AOx3, pain 3/10, ambulated x2 in hall. Daughter [[PERSON|Sigrun]] at bedside, can be reached at [[PHONE_NUMBER|617 555 0128]].",
    "Night shift: pt restless ~0200, PRN haloperidol 0.5 mg given per Dr. [[PERSON|Nakashima]]. Son ([[PERSON|Dmitri]]) called at 0315 asking for update.",
    "SBAR to oncoming RN [[PERSON|Keisha]]: Mr. [[PERSON|Alphonse Dubreuil]], bed 7, s/p TKA [[DATE_TIME|Monday]], foley out at 0600, due to void by 1200.",
    "Fall risk high (Morse 65). Bed alarm on. Wife [[PERSON|Carmela]] updated by phone [[PHONE_NUMBER|(401) 555-0190]] re: CT head negative.",
    "Wound care: stage 2 sacral, 2x3 cm, Mepilex applied. Wound RN [[PERSON|Benedikt Oyelaran-Shaw]] to reassess [[DATE_TIME|Thurs]].",
    # --- patient portal messages
    "Subject: refill\nHi Dr. [[PERSON|Castellanos]], can you send my sertraline to the walgreens on [[STREET_ADDRESS|Elm St]]? my new number is [[PHONE_NUMBER|207-555-0119]]. thanks, [[PERSON|Marisol]]",
    "hi this is [[PERSON|ravi]] ([[PERSON|Anjali Krishnaswamy]]'s husband). she has a fever of 101.8 since last nite, should we go to the ER? you can reach me at [[PHONE_NUMBER|5085550176]]",
    "Message from [[PERSON|Tobiah Whitcombe]] ([[EMAIL_ADDRESS|tobiah.w1962@fastmail.fm]]): I need a letter for my employer confirming my surgery on [[DATE_TIME|April 9]].",
    "Portal msg [[DATE_TIME|2/3/24]] 21:14 - pt reports BP readings 148/92, 152/95, 139/88. Asked if lisinopril dose should go up. Replied via portal - [[PERSON|K. Adebayo]], PharmD",
    "Can I switch my appointment from [[DATE_TIME|the 14th]] to [[DATE_TIME|Friday]]? Also my insurance changed, new member ID is [[HEALTH_PLAN_NUMBER|HUM 7741 0928 3]]. - [[PERSON|Greta Lindholm]]",
    # --- chart search queries
    "find notes for [[PERSON|Ezekiel Marchetti]] mrn [[MEDICAL_RECORD_NUMBER|20338471]] between [[DATE_TIME|1/1/2023]] and [[DATE_TIME|3/31/2023]]",
    "show last A1c for pt [[PERSON|oyelaran, funmilayo]] dob [[DATE_TIME|2/14/71]]",
    "labs for medical record # [[MEDICAL_RECORD_NUMBER|M-2200418]] from [[DATE_TIME|last Tuesday]]",
    "pull chart [[MEDICAL_RECORD_NUMBER|4471928]] and fax to [[PHONE_NUMBER|919.555.0145]]",
    "who is the PCP for [[PERSON|Delphine Achebe]] ([[MEDICAL_RECORD_NUMBER|MRN#88120045]])?",
    "list encounters for SSN [[US_SSN|412 68 9907]] at [[HOSPITAL|Mercy West]]",
    "patient [[PERSON|Jean-Baptiste Ouellette]] phone number on file is [[PHONE_NUMBER|+1 514 555 0123]], please update to [[PHONE_NUMBER|(514) 555-0177]]",
    "search: member [[HEALTH_PLAN_NUMBER|H44019283-01]] claims DOS [[DATE_TIME|11/2023]]",
    "is [[PERSON|Thandiwe Mokoena]] (DOB [[DATE_TIME|Sept. 3rd, 1985]]) due for a pap?",
    "get discharge summary for enc [[OTHER_ID|450019283]], pt [[PERSON|ALDOUS KRZYZANOWSKI]]",
    # --- phones and ids with unusual separators
    "Callback: [[PHONE_NUMBER|555.201.4471 x205]] (office), [[PHONE_NUMBER|555-201-4499]] (fax).",
    "Contact numbers - home [[PHONE_NUMBER|(617)555-0142]], work [[PHONE_NUMBER|617-555-0199 ext 2210]], cell [[PHONE_NUMBER|+1.617.555.0123]].",
    "Interpreter line [[PHONE_NUMBER|1 (888) 555-0190]] option 3; Mandarin requested for Mr. [[PERSON|Zhou Wenliang]].",
    "MRN: [[MEDICAL_RECORD_NUMBER|12.448.0917]]  FIN: [[ACCOUNT_NUMBER|2204-118-73]]  Room 3S-18",
    "MR#:[[MEDICAL_RECORD_NUMBER|HX_0041187]]  Visit:[[OTHER_ID|VX_20240118_02]]",
    "Patient ID: [[MEDICAL_RECORD_NUMBER|P/4471/2023]]   Health plan: [[HEALTH_PLAN_NUMBER|KP#0098817734]]",
    "Soc Sec #: [[US_SSN|219 44 7710]]  DL#: [[LICENSE_NUMBER|S530-4417-8812]] (WI)",
    "SSN on file ends in [[US_SSN|7793]]; full SSN [[US_SSN|508-29-7793]] verified with photo ID.",
    "Medicare: [[HEALTH_PLAN_NUMBER|3QW7-HT2-YK41]]  Secondary: AARP, policy no. [[HEALTH_PLAN_NUMBER|AA 7720 0419 1]]",
    "Bill to: [[PERSON|Hortensia Blackwood]], [[STREET_ADDRESS|350 W. Fairmount Ave., Unit 12C]], [[LOCATION|Lakewood]], NJ [[ZIP_CODE|08701-2214]]. Acct no. [[ACCOUNT_NUMBER|00-44718-2]].",
    # --- addresses in forms
    "Address: [[STREET_ADDRESS|88 Tamarack Circle]]\nCity/State/ZIP: [[LOCATION|North Conway]], NH [[ZIP_CODE|03860]]\nHome phone: [[PHONE_NUMBER|603-555-0151]]",
    "Patient relocated to [[STREET_ADDRESS|2211 Sycamore Bend Dr]], [[LOCATION|Round Rock]], TX [[ZIP_CODE|78664]]; new PCP at [[HOSPITAL|Baylor Scott & White Clinic]].",
    "Home health referral: [[STREET_ADDRESS|RR 2 Box 118]], [[LOCATION|Pittsfield]], ME. Directions: 2nd farmhouse past the Grange hall.",
    "Mailing address [[STREET_ADDRESS|P.O. Box 4471]], [[LOCATION|Bozeman]], MT [[ZIP_CODE|59771]]; physical address [[STREET_ADDRESS|615 Bridger Canyon Rd]].",
    # --- dates in unusual forms
    "DOB: [[DATE_TIME|04-Mar-61]]   Age: 63   Sex: M",
    "Last seen [[DATE_TIME|2023.08.10]]; next appt [[DATE_TIME|2024/02/12]] 10:15.",
    "Surgery date [[DATE_TIME|Jan. 5th]]; POD#3 on [[DATE_TIME|Jan 8]]. Staples out [[DATE_TIME|1/19]].",
    "Audit: allergy list edited [[DATE_TIME|2024-03-11T08:30:00Z]] from [[IP_ADDRESS|198.51.100.23]]; portal link [[URL|https://mychart.lakeshorehealth.org/visit/88412]].",
    "She was born [[DATE_TIME|12 Feb 1948]] and is 76; her late husband died on [[DATE_TIME|the 2nd of November, 2019]].",
    "Menses LMP [[DATE_TIME|10/1]], EDD [[DATE_TIME|07/08/2024]] by 8w US.",
    # --- names in unusual places
    "Electronically signed by: [[PERSON|Pruitt, Rosalind A]], MD [[DATE_TIME|03/11/2024]] 17:02",
    "Dictated by [[PERSON|Ferris Olawale]], PA-C; transcribed by [[PERSON|lmk]] [[DATE_TIME|3/12/24]].",
    "Scribe statement: I, [[PERSON|Mireille Dufresne]], am scribing for and in the presence of Dr. [[PERSON|Haverford]].",
    "Pt goes by [[PERSON|Sunny]] (legal name [[PERSON|Sunniva Aaltonen]]). Pronouns she/her.",
    "Guardian: [[PERSON|Abernathy-Lowe, Cordelia]] (maternal aunt), phone [[PHONE_NUMBER|(802) 555-0166]]",
    "[[PERSON|Marchetti E]] 54F c/o palpitations x 3d. EKG NSR, QTc 438.",
    "[[AGE|94]] yo F from [[LOCATION|Saco]] with R hip fx after a fall at home; lives with niece [[PERSON|Odile]].",
    "Seen with Dr. [[PERSON|van der Berg]] and medical student [[PERSON|Olumide]].",
    "Chaplain Brother [[PERSON|Anselm]] visited at family's request.",
    # --- distractors only (nothing to redact)
    "Vitals: T 37.2, HR 88, BP 128/76, RR 16, SpO2 97% RA. Wt 82.4 kg, BMI 27.9.",
    "Plan: continue metoprolol succinate 50 mg daily, atorvastatin 40 mg qHS; recheck lipid panel in 6-8 weeks.",
    "HbA1c 7.9% (ref 4.0-5.6). eGFR 54 mL/min/1.73m2. UACR 42 mg/g. ICD-10 E11.22, N18.31.",
    "CPT 93306, 93017; HCPCS J1885 x2. Modifier -25. Place of service 11.",
    "Culture grew Pseudomonas aeruginosa, pan-sensitive; MIC cefepime 2. Switched to cefepime 2 g q8h.",
    "Genetics: MTHFR C677T heterozygous; Factor V Leiden negative; prothrombin G20210A negative.",
    "The patient's Glasgow Coma Scale was 14 (E4 V4 M6) and the Wells score 1.5.",
    "ECOG 1. Staging per AJCC 8th ed: pT2 pN1a M0, stage IIB. Oncotype DX RS 18.",
]
