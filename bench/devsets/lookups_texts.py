"""Hand-written clinical *look-ups* for clinical_lookups.json; spans marked inline as [[TYPE|value]].

A first-look set of 220 synthetic clinical queries and requests in the style an LLM produces when asked
to "generate realistic clinical queries/requests that contain PHI": questions to a clinical search
system, chart look-ups, prior-auth, billing and claim questions, pharmacy refills, referrals,
scheduling, lab-result questions, care coordination, insurance eligibility checks and
release-of-information requests. Some are terse and lower case ("pt ... dob ... mrn ... a1c trend?"),
some long and multi-sentence; identifiers come as key:value fragments inside a sentence, with the value
before its label ("<digits> (MRN)"), in parentheses, after commas, semicolons and slashes. Identifier
shapes vary the way EHRs, payers and test data do (MRNs with site prefixes and suffixes, MBIs, HICNs,
Medicaid ids, plan-name-plus-id, SSNs dashed, spaced, plain and in areas the SSA never issues; phones
with extensions; dates numeric, ISO, written, two-digit years, ordinals, month-year, with times).
Persons have names of many origins (Anglo, Hispanic, South and East Asian, West, East and Southern
African, Arabic, Slavic, Nordic, Pacific, Caribbean), including lower-case names and names that are
words (Hope, Will, Faith, Grant, Rose, Summer, Mercy, Bishop, King); clinicians are persons too.
30 items carry no PHI at all but are full of domain vocabulary (doses, lab values with units,
ICD-10/CPT codes, genes, organisms, eponyms, NCT ids, confidence intervals, p-values, ranges, states
and countries, durations), and the same distractors are sprinkled through the PHI items.

Written in one sitting by someone who had not read the gate's rules, to be scored once *before* the
gate is changed for it; every person, number and address is invented, and none is a canary value or
a value of another dev set.

Labeling follows the other dev sets: titles (Dr., Mr., Ms., RN) outside the span; a label word (MRN,
SSN:, member ID) is never inside the span, only the value; states and countries never labeled; bare
years, times of day alone, durations and relative days never labeled (a time written inside a date
stamp is part of the DATE_TIME span); an age is labeled AGE only over 89; a facility is HOSPITAL, the
city it is in LOCATION; a street address is STREET_ADDRESS and its ZIP separately ZIP_CODE; claim,
encounter, visit, authorization, accession and referral numbers are OTHER_ID; NPI, DEA and license
numbers LICENSE_NUMBER; a "last four" of an SSN is not labeled US_SSN (left unlabeled).

    python bench/devsets/lookups_texts.py     # writes clinical_lookups.json beside this file
"""

LOOKUPS = [
    # --- clinical search questions, terse and lower case
    "pt [[PERSON|marisol ybarra]] dob [[DATE_TIME|7/19/58]] mrn [[MEDICAL_RECORD_NUMBER|6203918]] last ldl and a1c?",
    "Show all HbA1c results since [[DATE_TIME|January 2023]] for [[PERSON|Tevita Fifita]] (MRN [[MEDICAL_RECORD_NUMBER|E2290417]]); target < 7.0%.",
    "any eGFR < 45 mL/min/1.73m2 on [[PERSON|Okafor, Ngozi]] between [[DATE_TIME|2023-11-02]] and [[DATE_TIME|2024-02-15]]?",
    "Find the most recent echo for [[PERSON|Rajesh Venkataraman]], DOB [[DATE_TIME|April 9, 1947]], seen at [[HOSPITAL|Brigham and Women's]]; looking for LVEF and any mention of HFpEF.",
    "chart lookup: [[MEDICAL_RECORD_NUMBER|MR 07-53-26]] / [[PERSON|Hope Villafane]] / dob [[DATE_TIME|11-02-1962]] -- need the last two TSH values (ref 0.4-4.0 mIU/L).",
    "What was the INR on [[DATE_TIME|Aug 14, '23]] for [[PERSON|Bishop, Delroy]], MRN [[MEDICAL_RECORD_NUMBER|BWH-00571386]]? He is on warfarin 5 mg daily, goal 2.0-3.0.",
    "[[MEDICAL_RECORD_NUMBER|88314207]] (MRN) - [[PERSON|Aiyana Redcloud]], any positive C. difficile toxin PCR in the last 90 days?",
    "Pull CBC w/ diff for [[PERSON|Sung-min Park]] ([[DATE_TIME|02/27/2024]]); WBC was 14.2 x10^9/L, want the trend.",
    "Does [[PERSON|Mercy Asante]] (DOB: [[DATE_TIME|1979-06-30]]; MRN: [[MEDICAL_RECORD_NUMBER|KH4418203]]) have a documented penicillin allergy?",
    "search notes for 'Lynch syndrome' in patient [[PERSON|Grant Whitfield]], chart # [[MEDICAL_RECORD_NUMBER|A0098213]]; MLH1/MSH2 IHC results?",
    "a1c trend for [[PERSON|deshawn mcbride]] [[MEDICAL_RECORD_NUMBER|0051177342]] last 2 yrs",
    "List every BNP > 400 pg/mL for mrn [[MEDICAL_RECORD_NUMBER|UH-2208871]] ([[PERSON|Slobodan Jovanović]]) since [[DATE_TIME|March 2023]].",
    "Has [[PERSON|Keanu Kalani]] ever had a positive QuantiFERON? DOB [[DATE_TIME|Jan 22, 1999]]. He starts adalimumab 40 mg q2wk next month.",
    "query: patient=[[PERSON|Eleni Papadakis]]; dob=[[DATE_TIME|1968-04-11]]; test=ferritin; range=last 12 months",
    "who ordered the CT A/P on [[PERSON|Ravi Subramaniam]] on [[DATE_TIME|10/03]]? mrn [[MEDICAL_RECORD_NUMBER|40028813]]",
    "Find notes mentioning Parkinson's disease or carbidopa/levodopa 25/100 for [[PERSON|Parkinson, Ruth]] (MRN [[MEDICAL_RECORD_NUMBER|SJ-118274]]); I want to be sure it is the disease and not just her surname.",
    "last potassium for [[PERSON|King, Jasmine]]?? mrn [[MEDICAL_RECORD_NUMBER|7736201-B]]",
    "Return the vaccination history of [[PERSON|Mohammed Al-Rashidi]], born [[DATE_TIME|3 Sep 1975]], including Shingrix doses 1 and 2.",
    "PSA values for [[PERSON|Colm O'Driscoll]] [[DATE_TIME|2019-01-08]] to present (MRN [[MEDICAL_RECORD_NUMBER|CH00931572]]); biopsy Gleason 3+4=7?",
    "pt: [[PERSON|li mingyu]], mrn: [[MEDICAL_RECORD_NUMBER|sh-20087751]], q: any EBV PCR > 10,000 copies/mL post transplant?",

    # --- chart look-up requests
    "Please pull the chart for Ms. [[PERSON|Folasade Adeyemi-Cole]], DOB [[DATE_TIME|12/08/1984]], medical record number [[MEDICAL_RECORD_NUMBER|31-227-840]], admitted to [[HOSPITAL|Riverside Methodist]] on [[DATE_TIME|March 3rd]]; SSN: [[US_SSN|958-11-0426]].",
    "Can you open encounter [[OTHER_ID|ENC-2024-0831177]] for [[PERSON|Lindqvist, Britta]]? Need the op note from the lap chole (CPT 47562).",
    "Request: discharge summary, pt [[PERSON|Kwabena Mensah]], soc sec no. [[US_SSN|667-09-2214]], acct [[ACCOUNT_NUMBER|400918823]], d/c [[DATE_TIME|01/22/24]] from [[HOSPITAL|St. Agnes Hospital]], [[LOCATION|Baltimore]].",
    "need last 3 progress notes on [[PERSON|fatima al-zahrani]] mrn [[MEDICAL_RECORD_NUMBER|0094418820]]; seen by dr [[PERSON|petrov]] for T2DM (E11.65).",
    "Retrieve imaging reports for [[PERSON|Kealoha Kahananui]], MRN [[MEDICAL_RECORD_NUMBER|QMC7730412]], from [[HOSPITAL|The Queen's Medical Center]] in [[LOCATION|Honolulu]], specifically the CT chest from [[DATE_TIME|October 2023]].",
    "I need the ED note from [[DATE_TIME|Sunday]] night on [[PERSON|Tremaine Lovelace]]; visit # [[OTHER_ID|V-778120394]]. He left AMA.",
    "Could you find the op report for [[PERSON|Magdalena Kowalska]] (surgery [[DATE_TIME|9 November 2023]], [[HOSPITAL|Northwestern Memorial]])? Surgeon was Dr. [[PERSON|Adebayo Ogunleye]].",
    "Patient [[PERSON|Rahul Deshpande]] / MRN [[MEDICAL_RECORD_NUMBER|00-7741-29]] / needs the pathology report, accession [[OTHER_ID|S23-40917]], tubular adenoma x2.",
    "pull chart - [[PERSON|rose ellington]], dob [[DATE_TIME|4.12.39]], she is [[AGE|91]] and family says she had a DNR at [[HOSPITAL|Good Samaritan]] in [[LOCATION|Lexington]]",
    "Need to verify identity: [[PERSON|Abena Frimpong]], DOB [[DATE_TIME|06/06/1977]], address on file [[STREET_ADDRESS|29 Linden Ave Apt 5]], [[LOCATION|Worcester]] MA [[ZIP_CODE|01604]]. Last four of social 7720 matches.",
    "Look up [[PERSON|Ha, Jin-woo]] -- MRN [[MEDICAL_RECORD_NUMBER|SNU0044172]] -- and tell me whether the EGFR exon 19 deletion was confirmed on the [[DATE_TIME|5/30/2023]] specimen.",
    "chart request for [[PERSON|Svetlana Morozova]]: MRN [[MEDICAL_RECORD_NUMBER|R-6628190]], encounter [[OTHER_ID|E8830214]], attending Dr. [[PERSON|Grace Oyelowo]].",

    # --- prior auth and billing
    "Prior auth needed for Ozempic 0.5 mg weekly for [[PERSON|Darnell Pritchett]]; Aetna member ID [[HEALTH_PLAN_NUMBER|W284461730]], group [[HEALTH_PLAN_NUMBER|0871452]]. Dx E66.01, BMI 41.3.",
    "PA request -- patient: [[PERSON|Yuki Tanabe]]; DOB: [[DATE_TIME|09/14/1970]]; UHC subscriber ID: [[HEALTH_PLAN_NUMBER|918273645-01]]; drug: adalimumab 40 mg q2wk; dx: L40.50; failed methotrexate 20 mg weekly x 6 months.",
    "Why was claim [[OTHER_ID|23114H0098731]] denied? Patient [[PERSON|Esperanza Villalobos]], date of service [[DATE_TIME|11/13/2023]], CPT 99214 + 93000, denial code CO-197.",
    "billing q: acct [[ACCOUNT_NUMBER|7720-33918]] for [[PERSON|Pham Van Duc]] shows a balance of $1,482.60 after the MRI lumbar (72148). was the secondary (medicaid id [[HEALTH_PLAN_NUMBER|KT40817Q]]) ever billed?",
    "Auth # [[OTHER_ID|PA-5530917]] for the PT eval (97161) expired on [[DATE_TIME|2/29/24]]; can we extend it for [[PERSON|Wilhelmina Ostrowski]]? BCBS [[HEALTH_PLAN_NUMBER|ZGP702215846]].",
    "Medicare patient [[PERSON|Clarence Boateng]], MBI [[HEALTH_PLAN_NUMBER|5TR2-KD8-JM37]], needs an ABN for the vitamin D 25-OH (82306); is Z13.21 a covered dx?",
    "Old HICN on file [[HEALTH_PLAN_NUMBER|402338817A]] for [[PERSON|Edna Fairweather]] was rejected; please update to her MBI [[HEALTH_PLAN_NUMBER|2HV9-WN4-RT65]].",
    "EOB question from [[PERSON|Oluwaseun Bakare]] (Cigna ID [[HEALTH_PLAN_NUMBER|U47120983 02]]): he was charged $250 for the colonoscopy (45378) on [[DATE_TIME|Jan 5]]; screening under Z12.11 should be $0.",
    "Please rebill encounter [[OTHER_ID|V00381774]] with modifier 25; patient [[PERSON|Marguerite Delacroix]], rendering NPI [[LICENSE_NUMBER|1487720396]].",
    "Humana policy # [[HEALTH_PLAN_NUMBER|H61558203]], member [[PERSON|Rosalind Achterberg]], needs precert for TKA (27447) at [[HOSPITAL|Mercy Regional]] on [[DATE_TIME|6/12/2024]].",
    "[[HEALTH_PLAN_NUMBER|YRK908812647]] (BCBS member id) -- [[PERSON|Tariq Mahmood]] -- PA for Dupixent 300 mg q2w, atopic dermatitis L20.9, failed tacrolimus 0.1% and triamcinolone 0.1%.",
    "can you check claim [[OTHER_ID|CLM 0048-2291-77]] for [[PERSON|jorge luis paredes]]? dos [[DATE_TIME|12-18-23]], billed 99285 and 71046, paid only the x-ray.",
    "The prior authorization for [[PERSON|Naledi Khumalo]]'s MRI brain w/wo contrast (70553) was approved under reference [[OTHER_ID|AUTH-88120457]], valid [[DATE_TIME|3/1/2024]] through [[DATE_TIME|5/30/2024]]; please attach it to the order.",
    "Medicaid ID [[HEALTH_PLAN_NUMBER|GA0029917345]]; recipient [[PERSON|Destiny Hollins]]; need PA for Synagis 15 mg/kg monthly for her infant son [[PERSON|Josiah]] (born [[DATE_TIME|11/02/2023]], 29 weeks GA).",
    "Secondary payer for [[PERSON|Amadou Diallo]] is Medicaid (recipient id [[HEALTH_PLAN_NUMBER|91188203471]]); primary is Medicare, MBI [[HEALTH_PLAN_NUMBER|7KP4HU2WF19]]. Please coordinate benefits for the [[DATE_TIME|Feb 2024]] dialysis claims.",
    "Self-pay estimate for [[PERSON|Camila Restrepo]]: acct [[ACCOUNT_NUMBER|AC-30011847]], colposcopy with biopsy (57455), ICD R87.610 (ASC-US). Is the 40% prompt-pay discount still offered?",
    "patient [[PERSON|Ahmad Karimi]] says he was billed twice under account [[ACCOUNT_NUMBER|000738215560]] for the same visit on [[DATE_TIME|the 9th of January]]; statement date [[DATE_TIME|02/01/24]].",
    "Please submit a corrected claim: original claim # [[OTHER_ID|7712009845510]], member [[PERSON|Harriet Lindgren]], subscriber id [[HEALTH_PLAN_NUMBER|XDP440918230]], replace dx I10 with I13.10.",
    "Workers' comp claim [[OTHER_ID|WC-2023-114902]] for [[PERSON|Francisco Javier Ortega]] (SSN [[US_SSN|919 62 4470]]), injury date [[DATE_TIME|08/21/2023]], employer [[PERSON|Dale Whitaker]] (supervisor); L5 radiculopathy, M54.16.",
    "Kaiser mrn [[MEDICAL_RECORD_NUMBER|000118820453]] / health plan number [[HEALTH_PLAN_NUMBER|KP 5517 2038 1]] for [[PERSON|Lupe Taufa]]; authorization for bariatric surgery, BMI 44.8.",

    # --- pharmacy refill requests
    "Refill request: lisinopril 20 mg daily #90 for [[PERSON|Giuseppe Lombardi]], DOB [[DATE_TIME|5-Jan-1941]]; pharmacy fax [[PHONE_NUMBER|(617) 555-0143]].",
    "rx refill pls - [[PERSON|aroha parata]] - levothyroxine 88 mcg, last TSH 2.1 on [[DATE_TIME|12/1/23]]. call back [[PHONE_NUMBER|206.555.7781]]",
    "Patient [[PERSON|Abdiwali Warsame]] is requesting an early refill of oxycodone 5 mg (PDMP checked); prescriber Dr. [[PERSON|Helen Kowalczyk]], DEA [[LICENSE_NUMBER|BK4417208]].",
    "Walgreens on [[STREET_ADDRESS|1420 N Halsted St]] called about [[PERSON|Chen Xiaoling]]'s apixaban 5 mg BID; insurance (member [[HEALTH_PLAN_NUMBER|MGX55091827]]) wants a PA.",
    "Please send metformin ER 750 mg, 2 tabs qPM, to the CVS on [[STREET_ADDRESS|2901 W Vine St]] in [[LOCATION|Kissimmee]] for [[PERSON|Yolanda Rivera-Santiago]] (MRN [[MEDICAL_RECORD_NUMBER|FL-3390127]]).",
    "Refill: albuterol HFA 90 mcg 2 puffs q4-6h PRN, fluticasone 110 mcg BID; patient [[PERSON|Jahmal Thompson]], DOB [[DATE_TIME|08-19-2006]], mom [[PERSON|Keisha]] at [[PHONE_NUMBER|404 555 0175]].",
    "Hi, this is [[PERSON|Anneliese Brandt]], I need my estradiol 1 mg refilled, my pharmacy is Kroger at [[STREET_ADDRESS|3900 Dixie Hwy]], [[LOCATION|Louisville]]. Thanks!",
    "pharmacy called: [[PERSON|Vikram Choudhary]] rx # [[OTHER_ID|6620143]] for sertraline 100 mg; prior script by Dr. [[PERSON|Pei-Shan Lu]] (NPI [[LICENSE_NUMBER|1720558134]]) ran out on [[DATE_TIME|April 19]].",
    "Renew tacrolimus 1 mg BID (trough goal 5-8 ng/mL) and mycophenolate 500 mg BID for [[PERSON|Teuila Faleolo]], kidney tx [[DATE_TIME|2021-07-04]]; specialty pharmacy phone [[PHONE_NUMBER|1-800-555-0139 x4402]].",
    "Request to transfer prescriptions for [[PERSON|Gulnara Sadykova]] (DOB [[DATE_TIME|27.05.1959]]) from the Rite Aid in [[LOCATION|Scranton]] to the Wegmans pharmacy; amlodipine 10 mg, rosuvastatin 20 mg.",
    "controlled substance refill: [[PERSON|brandon kessler]], adderall xr 20 mg, last fill [[DATE_TIME|4/2]], DL # [[LICENSE_NUMBER|K330-118-72-904]] verified at pickup.",
    "Mail-order refill for Mr. [[PERSON|Okonjo]], Express Scripts member [[HEALTH_PLAN_NUMBER|ESI 70183349201]], insulin glargine 100 units/mL, 34 units qHS; ship to [[STREET_ADDRESS|1127 Magnolia Blvd, Unit 12]], [[LOCATION|Shreveport]], LA [[ZIP_CODE|71104]].",
    "Ms. [[PERSON|Faith Oduya]] is out of her prenatal vitamins and ondansetron 4 mg ODT; she's 14 weeks, G2P1. cell [[PHONE_NUMBER|(713)555-0182]].",
    "Refill denied for [[PERSON|Kristof Nagy]] -- needs a visit; last BMP [[DATE_TIME|Sept 2022]], Cr 1.6 mg/dL on spironolactone 25 mg.",

    # --- referral requests
    "Referral to cardiology for [[PERSON|Tomasz Wisniewski]], 67M, new-onset AFib (I48.91), CHA2DS2-VASc 3. Please fax notes to [[PHONE_NUMBER|773-555-0198 ext. 214]].",
    "Refer [[PERSON|Amara Nwosu-Brown]] (DOB [[DATE_TIME|02.03.1990]]) to Dr. [[PERSON|Farouk]] at [[HOSPITAL|Northside Women's Clinic]] for suspected PCOS; LH/FSH ratio 3.1, AMH 9.8 ng/mL.",
    "new referral rec'd from [[HOSPITAL|Kaiser Permanente Oakland]] - pt [[PERSON|Liang, Wei]], MRN [[MEDICAL_RECORD_NUMBER|11049338-KP]], ref for EGD, iron-deficiency anemia, ferritin 6 ng/mL.",
    "I'd like to refer my patient, [[PERSON|Summer Blackwood]], [[AGE|93]], to your memory clinic. MoCA 19/30; B12 and TSH normal. Her daughter [[PERSON|Faith]] can be reached at [[PHONE_NUMBER|+1 503 555 2290]].",
    "Outgoing referral: ortho spine, pt [[PERSON|Ifeanyi Chukwuma]], ref # [[OTHER_ID|RF-20240418-0072]], MRI L4-L5 disc extrusion, failed 6 weeks of PT.",
    "Please refer [[PERSON|Selu Amituanai]] to nephrology at [[HOSPITAL|Kapiolani]]; UACR 620 mg/g, eGFR 38, on losartan 100 mg. Contact: [[EMAIL_ADDRESS|selu.amituanai@hawaiiantel.example.net]].",
    "Referral letter for [[PERSON|Zanele Mokoena]] to the hepatology service at [[HOSPITAL|UCSF]]: HBsAg positive, HBV DNA 2.3 x 10^5 IU/mL, ALT 112 U/L, F2 on FibroScan (8.1 kPa).",
    "Dr. [[PERSON|Eduardo Salcedo]] is referring his patient [[PERSON|Lorenzo Bianchi]] (MRN [[MEDICAL_RECORD_NUMBER|CC-22048816]]) for a second opinion on a BRAF V600E melanoma, stage IIIC; can [[HOSPITAL|MD Anderson]] see him before [[DATE_TIME|the 15th]]?",
    "ref to derm: [[PERSON|olga fedorenko]] / changing nevus L shoulder / dob [[DATE_TIME|6/9/81]] / pcp dr. [[PERSON|abernathy]]",
    "E-referral [[OTHER_ID|ER-554013]] to pulmonary for [[PERSON|Winston Clarke]]: FEV1/FVC 0.62, FEV1 54% predicted, GOLD 3; patient lives in [[LOCATION|Kingston]], Jamaica until [[DATE_TIME|June 1]], then back in [[LOCATION|Brooklyn]].",
    "Please route to peds GI: [[PERSON|Aaliyah Hassan]], 9 y/o, tTG-IgA 128 U/mL (ref < 15), parents [[PERSON|Omar]] and [[PERSON|Noor Hassan]], home [[PHONE_NUMBER|651-555-0120]].",
    "Referral for genetic counseling, [[PERSON|Rachel Goldstein]], Ashkenazi, BRCA2 6174delT in her sister; mammogram BI-RADS 0 on [[DATE_TIME|01/09/2024]] at [[HOSPITAL|Hackensack Meridian]].",

    # --- scheduling
    "Schedule [[PERSON|Ana Lucia Quispe]] for a follow-up on [[DATE_TIME|Tuesday, May 14]] at 10:30 with Dr. [[PERSON|Haddad]]; she needs a Spanish interpreter.",
    "can we move [[PERSON|will okoro]]'s colonoscopy from [[DATE_TIME|the 22nd]] to [[DATE_TIME|the 29th]]? prep: GoLytely 4 L split-dose.",
    "Please book a 40-min new-patient slot for [[PERSON|Nikolai Baranov]], DOB [[DATE_TIME|1956-12-03]], cell [[PHONE_NUMBER|312-555-0907]], email [[EMAIL_ADDRESS|nbaranov56@mailbox.org]], home ZIP [[ZIP_CODE|60657]].",
    "Reschedule: [[PERSON|Lakshmi Venugopal]] / appt [[DATE_TIME|04/02/2024 08:15]] / reason: annual wellness (G0439) / new date TBD.",
    "Infusion chair needed for [[PERSON|Kofi Ampofo]] on [[DATE_TIME|June 3rd]]; infliximab 5 mg/kg (wt 78 kg = 390 mg) q8 weeks; premed acetaminophen 650 mg + diphenhydramine 25 mg.",
    "Please schedule Mrs. [[PERSON|Ngata]] and her husband [[PERSON|Hemi]] back to back on [[DATE_TIME|Thu 3/21]] in the [[LOCATION|Rotorua]] outreach clinic.",
    "Appointment request from the portal: 'Hi, my name is [[PERSON|Esther Mwangi]], I need a pap smear and my IUD checked, any time after [[DATE_TIME|March 10]]. Call [[PHONE_NUMBER|+1 (206) 555-0158]].'",
    "book MRI knee (73721) for [[PERSON|dmitri zaytsev]] at the [[HOSPITAL|Eastside Imaging Center]], [[STREET_ADDRESS|2250 148th Ave NE]], [[LOCATION|Bellevue]]; he is claustrophobic, lorazepam 1 mg pre-scan ok.",
    "Need a same-day slot for [[PERSON|Gabriel Ferreira]], 34, fever 39.2 C and dysuria x 2 days; UA showed nitrite +, LE 3+.",
    "Please cancel [[DATE_TIME|11/30 at 2:00 PM]] for [[PERSON|Imani Carter]] (MRN [[MEDICAL_RECORD_NUMBER|P0772141]]) and rebook with Dr. [[PERSON|Bose]] the week of [[DATE_TIME|Dec 9]].",
    "Tele-visit link for [[PERSON|Halvard Eriksen]] on [[DATE_TIME|2024-05-06T13:30]]: [[URL|https://telehealth.northfjord-clinic.example/join/8820-4417]]",
    "Sleep study scheduling: [[PERSON|Tupac Mamani]], STOP-BANG 6, split-night PSG (95811); prefers the weekend of [[DATE_TIME|the 17th]]; reach him at [[EMAIL_ADDRESS|tmamani@andes-mail.example.com]].",

    # --- lab-result questions
    "Is a potassium of 6.1 mmol/L real or hemolyzed? Pt [[PERSON|Dolores Kingsley]], accession [[OTHER_ID|L24-118903]], drawn [[DATE_TIME|3/11/2024 06:40]].",
    "[[PERSON|Hamza Qureshi]]'s troponin I went from 0.03 to 0.41 ng/mL over 3 hours; was cardiology paged? He is in bed 12 at [[HOSPITAL|Sinai-Grace]].",
    "Can you explain my results? My name is [[PERSON|Ingrid Solberg]], date of birth [[DATE_TIME|14 March 1966]]. My ALT was 88 U/L and AST 64 U/L (normal 7-56). Should I stop atorvastatin 40 mg?",
    "Culture from [[DATE_TIME|Feb 9]] on [[PERSON|Malik Jefferson]] grew MRSA (mecA positive); vanc trough 14.8 mcg/mL. MRN [[MEDICAL_RECORD_NUMBER|2024-77310]].",
    "lab q: [[PERSON|siosaia tupou]] lipase 1,240 U/L (ULN 60) on [[DATE_TIME|8/8/23]], triglycerides 2,100 mg/dL. ok to start fenofibrate 145 mg?",
    "Why is the HbA1c for [[PERSON|Adwoa Boakye]] (MRN [[MEDICAL_RECORD_NUMBER|GH-4402917]]) only 5.1% when her fasting glucose runs 180-220? She has HbSC disease.",
    "Critical value call: [[PERSON|Emmanuel Okeke]], Na 118 mmol/L, drawn [[DATE_TIME|09/17/23 22:05]], reported to RN [[PERSON|Stacy Ferguson]] at 22:31.",
    "Which lab ran the JAK2 V617F on [[PERSON|Marta Sokolova]]? Sample sent [[DATE_TIME|Oct 2, 2023]]; allele burden 38%.",
    "hi can u check if my strep test came back, im [[PERSON|Jayden Morales]] dob [[DATE_TIME|1/17/2010]], my mom is [[PERSON|Brianna]]",
    "Please add on a lipid panel and Lp(a) to specimen [[OTHER_ID|ACC-7710-0934]] for [[PERSON|Devraj Iyer]]; collected [[DATE_TIME|5/7/24]] at 07:50.",
    "Blood culture x2 for [[PERSON|Bongani Zulu]] positive for Staph aureus; MRN [[MEDICAL_RECORD_NUMBER|T5518204]]; he has a PICC from [[HOSPITAL|Charlotte Maxeke]] placed [[DATE_TIME|16/01/2024]].",
    "Did the HIV-1 viral load for [[PERSON|Chipo Moyo]] come back < 20 copies/mL? CD4 was 412 cells/uL on [[DATE_TIME|August 30]].",
    "genetics: [[PERSON|Hiroshi Watanabe]] MRN [[MEDICAL_RECORD_NUMBER|J-20991847]] -- is the CYP2C19 *2/*2 result in the chart yet? cardiology wants to switch clopidogrel 75 mg to ticagrelor 90 mg BID.",

    # --- care coordination
    "Care coordination: [[PERSON|Beatriz Nogueira]] is being discharged from [[HOSPITAL|Jackson Memorial]] to [[HOSPITAL|Sunrise Skilled Nursing]] on [[DATE_TIME|Friday]]; home O2 2 L NC; contact son [[PERSON|Rafael]] at [[PHONE_NUMBER|305-555-0126]].",
    "Home health referral for [[PERSON|Otieno, Jane Akinyi]], address [[STREET_ADDRESS|4410 Ridgecrest Dr, Apt 3B]], [[LOCATION|Mesquite]], TX [[ZIP_CODE|75149]]; wound care for a stage 3 sacral ulcer.",
    "Social work consult: [[PERSON|Darius Moghadam]] lost his housing; current mailing address [[STREET_ADDRESS|PO Box 2281]], [[LOCATION|Eugene]], OR [[ZIP_CODE|97402-0047]].",
    "Transport request for [[PERSON|Loretta Rains]] (SS# [[US_SSN|401-88-2093]]), [[STREET_ADDRESS|RR 4 Box 2217]], [[LOCATION|Hazard]], KY, to dialysis M/W/F; Medicaid # [[HEALTH_PLAN_NUMBER|KY7781204556]].",
    "CM note needed: [[PERSON|Arjun Malhotra]] (MRN [[MEDICAL_RECORD_NUMBER|NYU-5527781]]) readmitted within 30 days for CHF exacerbation; BNP 1,850 pg/mL; furosemide 40 mg IV BID.",
    "Hospice intake: [[PERSON|Margaret 'Peggy' Alder]], [[AGE|96]], social [[US_SSN|004 22 7815]], metastatic pancreatic adenocarcinoma (C25.9), PPS 30%; lives with niece [[PERSON|Corinne]] at [[STREET_ADDRESS|17 Orchard Lane]], [[LOCATION|Bar Harbor]], ME.",
    "Please coordinate with [[HOSPITAL|Spaulding Rehab]] re: [[PERSON|Declan Murphy]] -- TBI, GCS 14 on arrival [[DATE_TIME|12/26/23]]; family contact [[PERSON|Siobhan Murphy]] [[PHONE_NUMBER|617-555-0110]].",
    "Bed request from [[HOSPITAL|St. Luke's]] ED: [[PERSON|Anh Tran]], 58F, DKA (pH 7.12, AG 26, BHB 6.8 mmol/L), insulin drip 0.1 units/kg/h; transfer center case [[OTHER_ID|TC-240311-0457]].",
    "Transition of care: [[PERSON|Samisoni Vake]] from [[HOSPITAL|Middlemore]] (NZ) to our clinic in [[LOCATION|Salt Lake City]]; NHI-style chart no. [[MEDICAL_RECORD_NUMBER|ZKT4821]], warfarin INR 2.6.",
    "Nurse navigator note: [[PERSON|Fiona MacLeod]] starts FOLFOX on [[DATE_TIME|1 Feb 2024]]; port placed at [[HOSPITAL|Dana-Farber]]; DPYD genotype normal; husband [[PERSON|Callum]] drives her.",
    "Please fax the discharge med list for [[PERSON|Carlos Mendoza Ruiz]] to his PCP, Dr. [[PERSON|Linda Hsu]], at [[PHONE_NUMBER|(559) 555-0188]], and the SNF at [[PHONE_NUMBER|559-555-0191]].",
    "CHW outreach list: [[PERSON|Zainab Lodhi]] ([[PHONE_NUMBER|718-555-0164]]), [[PERSON|Baraka Kipchoge]] ([[PHONE_NUMBER|718-555-0133]]), [[PERSON|Lourdes Batista]] ([[PHONE_NUMBER|347-555-0102]]) -- all overdue for diabetic eye exams (2022018).",
    "pt [[PERSON|king tsang]] discharged from [[HOSPITAL|Mt Sinai]] yesterday w/ new afib on apixaban 5 bid, needs f/u w/ cards within 7 days",

    # --- insurance eligibility
    "Verify eligibility: [[PERSON|Consuelo Ibarra]], DOB [[DATE_TIME|10/31/1988]], SSN [[US_SSN|622301187]], Molina member ID [[HEALTH_PLAN_NUMBER|300418872]], group [[HEALTH_PLAN_NUMBER|TXMCD04]].",
    "Is subscriber [[HEALTH_PLAN_NUMBER|JQH 881 402 176]] still active? Dependent: [[PERSON|Mateo Guerrero]], 7 y/o.",
    "elig check -- [[PERSON|Oyelaran, Titilayo]] -- Ambetter policy [[HEALTH_PLAN_NUMBER|U7031184402]] -- coverage for CGM (E2103, A4239)?",
    "Please confirm active coverage for [[PERSON|Bjorn Halvorsen]] under Tricare, sponsor SSN [[US_SSN|921-44-3087]], before the [[DATE_TIME|7/15]] sleep study (95810).",
    "Medi-Cal BIC [[HEALTH_PLAN_NUMBER|94318827D]] for [[PERSON|Nguyen Thi Hoa]] shows share of cost; can the clinic in [[LOCATION|Westminster]] still see her for the HbA1c 9.4% follow-up?",
    "Check benefits for [[PERSON|Rashida Bello]]: Anthem BC member [[HEALTH_PLAN_NUMBER|VAX448201937]], group # [[HEALTH_PLAN_NUMBER|284519M001]], for an outpatient sleeve gastrectomy (43775); she lives in [[LOCATION|Chesterfield County]], VA.",
    "eligibility: [[PERSON|sione havili]] ssn [[US_SSN|529 77 0381]] medicaid [[HEALTH_PLAN_NUMBER|UT 0041 7729 03]], dob [[DATE_TIME|3/3/03]], active?",
    "Does the Medicare Advantage plan for [[PERSON|Walter Grimsby]] (MBI [[HEALTH_PLAN_NUMBER|9QE1YA3NC42]], DOB [[DATE_TIME|02/11/1932]], age [[AGE|92]]) cover the Prolia 60 mg injection every 6 months?",
    "Coverage question for the mother, [[PERSON|Grace Achieng]]: policy holder is her employer plan, policy no. [[HEALTH_PLAN_NUMBER|PLY-55019-882]], relationship 'self'; baby [[PERSON|Neema]] to be added as of [[DATE_TIME|4/27/2024]].",
    "[[PERSON|Javier Castillo]] -- SS# [[US_SSN|666-21-4098]] -- says his Oscar plan ([[HEALTH_PLAN_NUMBER|OSC 11820394 01]]) termed on [[DATE_TIME|12/31]]; can we run a 270/271?",
    "real-time eligibility failed for member [[HEALTH_PLAN_NUMBER|8820-441-926]] ([[PERSON|Ekaterina Smirnova]]); error AAA*72 invalid member id. please recheck the card.",
    "Please verify VA eligibility for veteran [[PERSON|Raymond Two Bulls]], social [[US_SSN|503 81 2264]], service-connected 70%, for a hearing aid fitting at the [[HOSPITAL|Black Hills VA]].",

    # --- release of information
    "Release of information request: records for [[PERSON|Theodore Van Buren]], DOB [[DATE_TIME|6/17/33]] (age [[AGE|90]]), from [[DATE_TIME|01/01/2022]] through [[DATE_TIME|12/31/2023]], to be sent to attorney [[PERSON|Ramona Castellano]], [[STREET_ADDRESS|88 Water Street, Suite 1400]], [[LOCATION|New Haven]], CT [[ZIP_CODE|06510]].",
    "ROI #[[OTHER_ID|ROI-24-01377]]: patient [[PERSON|Salma Haddad]] authorizes disclosure of her psych records to Dr. [[PERSON|Eitan Rosen]], fax [[PHONE_NUMBER|(212) 555-4470]].",
    "Subpoena received for the chart of [[PERSON|Jerome Whitlock]] (SS# [[US_SSN|000-62-1149]], MRN [[MEDICAL_RECORD_NUMBER|M5520387]]); legal wants it by [[DATE_TIME|April 19]].",
    "I am requesting a copy of my records. Name: [[PERSON|Precious Dlamini]]. DOB: [[DATE_TIME|22/09/1991]]. Please email them to [[EMAIL_ADDRESS|precious.dlamini91@gmail.com]].",
    "Patient portal ROI: [[PERSON|Karim Benali]] wants his immunization record (MMR, Tdap, HepB x3) sent to [[EMAIL_ADDRESS|kbenali@univ-lyon.example.fr]] for his visa.",
    "Records request from [[HOSPITAL|Cleveland Clinic]] for [[PERSON|Naomi Feldman]], MRN here [[MEDICAL_RECORD_NUMBER|LH 004 881 72]]; signed authorization dated [[DATE_TIME|March 8, 2024]]; send via Direct to [[EMAIL_ADDRESS|him.roi@direct.ccf.example.org]].",
    "disability paperwork: [[PERSON|Lamar Gaines]] needs his records from [[DATE_TIME|May 2021]] on sent to the SSA, claim [[OTHER_ID|DDS-4471-9920]], soc sec [[US_SSN|418229073]].",
    "The daughter, [[PERSON|Isabella Conti]], has healthcare POA for [[PERSON|Vittoria Conti]] ([[AGE|98]]) and is asking for the last two years of notes; POA on file since [[DATE_TIME|11/2022]].",
    "Request to amend record: [[PERSON|Tomoko Hayashi]] says the allergy list wrongly shows sulfa; entry made [[DATE_TIME|2023-06-21 16:02]] by [[PERSON|J. Reyes]], RN.",
    "Please send [[PERSON|Ebony Washington]]'s immunization record to the school nurse, fax [[PHONE_NUMBER|402.555.0147]]; student ID [[OTHER_ID|LPS-2019-44871]].",

    # --- long, multi-sentence requests in the style of a generated "realistic clinical query"
    "Hello, I am writing on behalf of my father, Mr. [[PERSON|Sanjeev Khurana]], who was seen in your emergency department on [[DATE_TIME|February 12, 2024]]. His medical record number is [[MEDICAL_RECORD_NUMBER|SCV-30771284]]. He was started on clopidogrel 75 mg daily after a TIA, and I would like to know whether his carotid duplex showed more than 70% stenosis. You can reach me, [[PERSON|Meera Khurana]], at [[PHONE_NUMBER|(408) 555-0176]] or [[EMAIL_ADDRESS|meera.kapoor@outlook.com]].",
    "Patient [[PERSON|Adaeze Nnamdi]] (DOB [[DATE_TIME|03/15/1986]], MRN [[MEDICAL_RECORD_NUMBER|5093318]]) presented to [[HOSPITAL|Grady Memorial Hospital]] with severe preeclampsia at 34 weeks. BP 172/110, protein/creatinine ratio 2.4, platelets 98 x10^9/L. She received magnesium sulfate 4 g IV load then 2 g/h. Please summarize her postpartum course and confirm her follow-up with Dr. [[PERSON|Samuel Osei]] on [[DATE_TIME|the 28th]].",
    "I'm a care manager at [[HOSPITAL|Banner Health]] and I'm trying to reconcile two charts. One is under [[PERSON|Guadalupe Hernandez]], DOB [[DATE_TIME|7/4/1950]], MRN [[MEDICAL_RECORD_NUMBER|BNR0093318]]; the other is under [[PERSON|Lupe Hernandez-Soto]], same DOB, MRN [[MEDICAL_RECORD_NUMBER|BNR0101772]]. Both list the address [[STREET_ADDRESS|612 W Roosevelt St]], [[LOCATION|Phoenix]], AZ [[ZIP_CODE|85003]]. Can you confirm whether these are the same person before we merge?",
    "Good afternoon. Our patient, [[PERSON|Faisal bin Khalid Al-Otaibi]], a 44-year-old with HFrEF (EF 25%), is flying home to [[LOCATION|Riyadh]] on [[DATE_TIME|5/20]]. He takes sacubitril/valsartan 97/103 mg BID, metoprolol succinate 100 mg daily and dapagliflozin 10 mg daily. Please prepare a travel letter and a 90-day supply. His passport-linked insurance number is [[HEALTH_PLAN_NUMBER|TAW-77120458]].",
    "Requesting a peer-to-peer for [[PERSON|Olivia Fontaine]], denied for Leqembi (lecanemab 10 mg/kg IV q2 weeks). Amyloid PET positive, MMSE 24, APOE e3/e4, no microhemorrhages on MRI from [[DATE_TIME|1/18/24]]. UnitedHealthcare member [[HEALTH_PLAN_NUMBER|972204518]]; reference [[OTHER_ID|A240227-0098]]. Ordering neurologist Dr. [[PERSON|Marcus Whitehorse]], NPI [[LICENSE_NUMBER|1336190775]].",
    "Can you help me interpret the following? [[PERSON|Linh Nguyen]], 29, G1P0 at 26 weeks, had a 1-hour glucose challenge of 162 mg/dL on [[DATE_TIME|Monday]]; the 3-hour GTT is booked for [[DATE_TIME|3/19/2024]] at the [[HOSPITAL|Swedish First Hill]] lab. Her insurance is Premera, ID [[HEALTH_PLAN_NUMBER|PRM 4410 2290 88]]. Should she start a diet log now?",
    "My mother, [[PERSON|Rosa Elena Gutierrez]], is [[AGE|94]] and lives at [[STREET_ADDRESS|3318 Calle Ocho, Apt 2]], [[LOCATION|Miami]], FL [[ZIP_CODE|33135]]. She fell on [[DATE_TIME|January 7th]] and was seen at [[HOSPITAL|Mercy Hospital]]. Her Medicare number is [[HEALTH_PLAN_NUMBER|6NJ8-XR3-PW25]] and her supplement is AARP, ID [[HEALTH_PLAN_NUMBER|0042817736-1]]. Her social security number is [[US_SSN|590-40-8812]] if you need it. Was a hip fracture ruled out?",
    "We received a consult request from Dr. [[PERSON|Chioma Eze]] at [[HOSPITAL|Howard University Hospital]] for [[PERSON|Terrence Bolden]], a 61-year-old with Hodgkin lymphoma in remission since 2017 after ABVD x 6 cycles, now with exertional dyspnea. DLCO 58% predicted. Please see him on [[DATE_TIME|Wednesday the 10th]] if possible; his cell is [[PHONE_NUMBER|202-555-0113]].",
    "To whom it may concern: [[PERSON|Sipho Ndlovu]] (ID on file [[MEDICAL_RECORD_NUMBER|CPT-88120]]; please note that is his chart number at [[HOSPITAL|Groote Schuur]], not a procedure code) was treated for drug-susceptible TB with RHZE from [[DATE_TIME|March 2023]] to [[DATE_TIME|September 2023]]. Sputum culture converted at week 8. He now lives in [[LOCATION|Durban]] and needs a clearance letter for work.",
    "Please generate a summary for tumor board: [[PERSON|Elizabeth 'Liz' Harrington]], MRN [[MEDICAL_RECORD_NUMBER|MSK-3398217]], 52F, ER+/PR+/HER2- IDC left breast, 2.3 cm, Ki-67 22%, Oncotype DX RS 31. Surgery [[DATE_TIME|12/04/2023]] by Dr. [[PERSON|Nadia Rahman]]; she asks about the NATALEE trial (NCT03701334) and ribociclib 400 mg.",
    "Our office manager, [[PERSON|Bill Tanner]], needs the remittance for check # [[ACCOUNT_NUMBER|004418276]] from Aetna dated [[DATE_TIME|03/22/2024]]; it covered claims for [[PERSON|Amira Saleh]] and [[PERSON|Joseph Kamau]].",

    # --- key:value fragments, value before label, parentheses, slashes, semicolons
    "name: [[PERSON|Ilse Vandermeer]] | dob: [[DATE_TIME|19-Jul-1948]] | mrn: [[MEDICAL_RECORD_NUMBER|VH22018477]] | q: is she still on dabigatran 150 mg bid?",
    "[[PERSON|Koroma, Fatmata]]; [[DATE_TIME|2/14/1993]]; [[MEDICAL_RECORD_NUMBER|00558120]]; sickle cell HbSS, hydroxyurea 1,000 mg daily -- any admissions for VOC this year?",
    "[[US_SSN|933-50-7714]] (SSN) and [[HEALTH_PLAN_NUMBER|442918037]] (member #) belong to [[PERSON|Dale Everett]]; the system shows them swapped.",
    "Pt/[[PERSON|Nomvula Sithole]]/[[DATE_TIME|1987-09-09]]/MRN [[MEDICAL_RECORD_NUMBER|ZA-771204]]/request: HPV 16/18 genotyping result",
    "The patient ([[PERSON|Aleksander Nowak]], [[DATE_TIME|4/1/52]], MRN [[MEDICAL_RECORD_NUMBER|5528-1130]]) is asking whether his PSA of 6.8 ng/mL warrants a PSMA PET.",
    "Ordering provider: [[PERSON|Tran, Minh Q.]], MD; NPI: [[LICENSE_NUMBER|1902867345]]; state license: [[LICENSE_NUMBER|MD.0417722]]; patient: [[PERSON|Helga Johansson]]; test: BRCA1/2 full sequencing (81162).",
    "acct#[[ACCOUNT_NUMBER|55902184]] / guarantor [[PERSON|Maurice Baptiste]] / pt [[PERSON|Junior Baptiste]] (son) / balance $312.40 / payment plan?",
    "[[PERSON|Yasmin Chaudhry]], [[DATE_TIME|08/23/1999]], [[PHONE_NUMBER|(646) 555-0131]], [[EMAIL_ADDRESS|ychaudhry99@yahoo.com]] -- new OB intake, LMP [[DATE_TIME|10 Jan]], beta-hCG 4,210 mIU/mL.",
    "Patient: [[PERSON|Ramon Acevedo]] (Cigna, member [[HEALTH_PLAN_NUMBER|U88210473]], group [[HEALTH_PLAN_NUMBER|3340175]]); encounter [[OTHER_ID|ENC88120047]]; request: retro-auth for ED observation (G0378).",
    "ID check -- soc sec [[US_SSN|518 44 0928]]; DOB [[DATE_TIME|Nov. 3, 1964]]; name on file [[PERSON|Tamara Lynn Beckett]]; she changed her surname in [[DATE_TIME|June 2023]].",
    "mrn [[MEDICAL_RECORD_NUMBER|6630018]]; [[PERSON|ngo thanh tung]]; hbv dna < 10 iu/ml on tenofovir 300 mg; next afp + us due?",
    "Scan of insurance card for [[PERSON|Grant Hollister]]: BlueCross BlueShield of Texas, ID [[HEALTH_PLAN_NUMBER|ZGT900418337]], group [[HEALTH_PLAN_NUMBER|P44129]], Rx BIN 004336, PCN ADV.",
    "dob [[DATE_TIME|9/9/09]], pt [[PERSON|ximena flores]], mother [[PERSON|gabriela flores]] [[PHONE_NUMBER|915 555 0197]] - asthma action plan + spacer",

    # --- identifiers of many shapes
    "Is [[MEDICAL_RECORD_NUMBER|E4419027]] the right MRN for [[PERSON|Aurelio Campos]]? The wristband says [[MEDICAL_RECORD_NUMBER|E4419072]].",
    "Merge request: [[MEDICAL_RECORD_NUMBER|UCH-00318842]] and [[MEDICAL_RECORD_NUMBER|0318842UC]] both look like [[PERSON|Shirin Farahani]], DOB [[DATE_TIME|7 Feb 1973]], born in [[LOCATION|Shiraz]].",
    "HICN [[HEALTH_PLAN_NUMBER|331806622B1]] still on the claim for [[PERSON|Eunice Pettigrew]], DOS [[DATE_TIME|01/08/2024]]; CMS rejected it, use the MBI.",
    "Medicaid CIN [[HEALTH_PLAN_NUMBER|RJ55018T]] for [[PERSON|Dominique Joseph]]; Haitian Creole interpreter needed; HTN (I10), amlodipine 5 mg, last BP 148/92.",
    "For [[PERSON|Priyanka Bhattacharya]] the UMR plan id is [[HEALTH_PLAN_NUMBER|UMR-77412093]] and her husband [[PERSON|Sourav]] is the subscriber ([[HEALTH_PLAN_NUMBER|77412093-00]]).",
    "visit [[OTHER_ID|2024-V-0041187]] for [[PERSON|Chukwudi Anyanwu]] has no attending; please add Dr. [[PERSON|Rebecca Stein]] (license [[LICENSE_NUMBER|A118204]]).",
    "Case number [[OTHER_ID|CS00918273]]: [[PERSON|Magnus Berg]] called [[PHONE_NUMBER|+47 912 34 567]] from [[LOCATION|Tromso]] asking about his lab results from his visit on [[DATE_TIME|2023-12-19]].",
    "The eRx for [[PERSON|Nasrin Hosseini]] failed: prescriber DEA [[LICENSE_NUMBER|FH2281904]] does not match the NPI [[LICENSE_NUMBER|1548302217]] on the script.",
    "Audit flagged login from [[IP_ADDRESS|10.48.112.37]] opening the chart of [[PERSON|Leilani Akana]] (MRN [[MEDICAL_RECORD_NUMBER|HPH-2290188]]) on [[DATE_TIME|3/2/2024 23:14]]; user was not on her care team.",
    "Portal account for [[PERSON|Ousmane Traore]] locked after 5 attempts from [[IP_ADDRESS|203.0.113.84]]; username [[EMAIL_ADDRESS|otraore@orange.example.ml]].",
    "Please update [[PERSON|Kalinda Watson]]'s address to [[STREET_ADDRESS|55 Kingfisher Way]], [[LOCATION|Darwin]] NT [[ZIP_CODE|0810]], Australia, and her phone to [[PHONE_NUMBER|+61 8 8955 0123]].",
    "fax from [[HOSPITAL|Brooke Army Medical Center]] re: SGT [[PERSON|Marcus Wade]] -- DoD ID [[HEALTH_PLAN_NUMBER|1288704419]]; PTSD and mTBI follow-up, sertraline 150 mg, prazosin 2 mg qhs.",
    "Guarantor [[PERSON|Patience Ofori]] disputes the charges on accounts [[ACCOUNT_NUMBER|HB40018827]] and [[ACCOUNT_NUMBER|PB40018829]] for her son's tonsillectomy (42826) on [[DATE_TIME|Oct 30th]].",

    # --- names of many origins, lower case, names that are words
    "dr [[PERSON|mercy bishop]] wants the tsh and free t4 on [[PERSON|hope king]] added to the [[DATE_TIME|4/9]] draw",
    "Did Dr. [[PERSON|Will Summers]] sign the consent for [[PERSON|Rose Grant]]'s cardioversion on [[DATE_TIME|Thursday]]?",
    "[[PERSON|Mahlet Tesfaye]] and her sister [[PERSON|Selam]] both need the Ethiopian-Amharic interpreter for their visits on [[DATE_TIME|5/6]]; hypothyroidism, levothyroxine 50 mcg.",
    "Please call [[PERSON|Ah-young Shin]] back about her bone density: T-score -2.7 at the femoral neck; start alendronate 70 mg weekly? Phone [[PHONE_NUMBER|213-555-0199]].",
    "Questions from [[PERSON|Wiremu Tane]] about his gout: uric acid 9.4 mg/dL on allopurinol 100 mg; colchicine 0.6 mg caused diarrhea.",
    "Nurse [[PERSON|Ji-hoon]] says Mrs. [[PERSON|Okafor]]'s glucose was 42 mg/dL at 03:00 and she got D50 25 g.",
    "[[PERSON|Dragana Petrovic]] asks whether she can take ibuprofen 400 mg with her lithium 300 mg TID (level 0.8 mmol/L on [[DATE_TIME|1/30]]).",
    "Family meeting for [[PERSON|Eino Virtanen]] set for [[DATE_TIME|Friday 2/16]] with his wife [[PERSON|Aino]] and Dr. [[PERSON|Lehtonen]]; goals of care, ALS (G12.21), FVC 41%.",
    "Pls page Dr. [[PERSON|Faith]] on call -- [[PERSON|Marisela Ochoa]]'s lactate is 5.2 mmol/L and MAP 58 after 30 mL/kg.",
    "Has [[PERSON|Kamala Devi Prasad]] (MRN [[MEDICAL_RECORD_NUMBER|SGH0048817]]) received her second RSV vaccine? She is [[AGE|101]] and lives at [[HOSPITAL|Brookdale Assisted Living]].",
    "[[PERSON|Tavita Leiataua]] missed dialysis [[DATE_TIME|Monday]] and [[DATE_TIME|Wednesday]]; K 6.4 today; son [[PERSON|Iosefa]] at [[PHONE_NUMBER|808-555-0145]].",
    "Prescription for [[PERSON|Yaw Darko]]: amoxicillin-clavulanate 875/125 mg BID x 7 days for acute otitis media; pharmacy [[PHONE_NUMBER|443-555-0172 ext 3]].",
    "Check whether [[PERSON|Lucia Ramirez de Leon]] and [[PERSON|Lucia Ramirez]] with DOB [[DATE_TIME|Dec 1, 1960]] are duplicates; one chart lists [[LOCATION|Laredo]], the other [[LOCATION|Nuevo Laredo]], Mexico.",
    "Daily census request: [[PERSON|Jean-Baptiste Moreau]] rm 412, [[PERSON|Xu Lan]] rm 415, [[PERSON|Olumide Adewale]] rm 418, all on the 4 West telemetry unit at [[HOSPITAL|Providence St. Vincent]].",
    "Patient education link for [[PERSON|Marcus Aurelio Santos]] after his [[DATE_TIME|Aug 2, '23]] ablation: [[URL|https://portal.heartcare-sj.example.org/edu/afib?pid=30881204]]; he asked about dofetilide 500 mcg BID and QTc monitoring.",

    # --- no PHI: domain vocabulary only
    "What is the recommended starting dose of apixaban for nonvalvular AF in a patient aged 80 or older weighing 58 kg with Cr 1.6 mg/dL? 2.5 mg BID or 5 mg BID?",
    "Summarize the evidence for SGLT2 inhibitors in HFpEF: EMPEROR-Preserved HR 0.79 (95% CI 0.69-0.90), DELIVER HR 0.82 (0.73-0.92), p < 0.001.",
    "Which ICD-10 code fits type 2 diabetes with diabetic chronic kidney disease, stage 3b: E11.22 with N18.32, or E11.65?",
    "CPT for a level 4 established outpatient visit with a 12-lead ECG interpretation: 99214 + 93000, or 99214-25 + 93010?",
    "List first-line regimens for Helicobacter pylori in the United States when clarithromycin resistance exceeds 15%: bismuth quadruple therapy for 14 days.",
    "Compare Cushing's syndrome screening tests: late-night salivary cortisol, 1 mg dexamethasone suppression (cortisol > 1.8 mcg/dL abnormal), and 24-hour urinary free cortisol.",
    "KRAS G12C, EGFR L858R, ALK and ROS1 fusions, BRAF V600E, MET exon 14 skipping, RET and NTRK: which of these have FDA-approved first-line targeted agents in NSCLC?",
    "Is NCT04380636 still recruiting? It is a phase 3 trial of pembrolizumab plus chemotherapy in resectable stage II-IIIB NSCLC across 22 countries including Japan, Brazil and Germany.",
    "Vancomycin AUC-guided dosing: target AUC24/MIC 400-600 mg*h/L for MRSA bacteremia, assuming an MIC of 1 mcg/mL; when is a loading dose of 25 mg/kg appropriate?",
    "Normal ranges please: sodium 135-145 mmol/L, potassium 3.5-5.0 mmol/L, calcium 8.5-10.2 mg/dL, magnesium 1.7-2.2 mg/dL, phosphate 2.5-4.5 mg/dL.",
    "Candida auris in ICU patients: what contact precautions and which disinfectants (EPA List P) are recommended by the CDC?",
    "Does Medicare cover the Shingrix series for adults 50 and older under Part D or Part B, and is the copay different in Texas versus California?",
    "What are the Duke criteria for infective endocarditis, and how do the 2023 ISCVID revisions change the role of PET/CT?",
    "warfarin reversal for INR 9 with minor bleeding: vitamin K 2.5-5 mg PO vs 4F-PCC 25 units/kg? hold how many days?",
    "Guillain-Barre syndrome vs CIDP: onset within 4 weeks vs over 8 weeks; IVIG 2 g/kg over 5 days; when is plasma exchange preferred?",
    "Calculate CHA2DS2-VASc for a 72-year-old woman with hypertension and diabetes but no prior stroke: 5 points, annual stroke risk about 6.7%.",
    "Explain the difference between HbA1c 6.5% (48 mmol/mol) and fasting plasma glucose >= 126 mg/dL as diagnostic thresholds for diabetes.",
    "Which drugs interact with tacrolimus through CYP3A4/P-gp? fluconazole, voriconazole, clarithromycin, diltiazem, grapefruit juice; rifampin lowers levels.",
    "Prior authorization criteria for Wegovy 2.4 mg in adolescents 12-17 years: BMI >= 95th percentile, documented lifestyle program for 6 months.",
    "Hashimoto thyroiditis with TPO antibodies > 500 IU/mL and TSH 7.8 mIU/L: start levothyroxine 25-50 mcg or recheck in 6-8 weeks?",
    "In the SPRINT trial, intensive SBP target < 120 mm Hg reduced the primary outcome (HR 0.75, 95% CI 0.64-0.89); how does that apply to patients over 75?",
    "What is the sensitivity of the Lachman test versus the anterior drawer for ACL tears, and when is an MRI of the knee (CPT 73721) indicated?",
    "Staphylococcus aureus bacteremia: repeat blood cultures every 24-48 h until clear, TEE if persistent beyond 72 hours, cefazolin 2 g q8h for MSSA.",
    "Reference values for CSF: protein 15-45 mg/dL, glucose 50-80 mg/dL (about 60% of serum), WBC 0-5 cells/uL; what pattern suggests Listeria meningitis?",
    "Does Medicaid in New York or New Jersey reimburse CPT 99490 (chronic care management, 20 minutes per month) for FQHCs?",
    "Kawasaki disease: IVIG 2 g/kg plus aspirin 80-100 mg/kg/day; echo at diagnosis, at 2 weeks and at 6-8 weeks; Z-score >= 2.5 defines dilation.",
    "BRCA1 and BRCA2 carriers: MRI from age 25, mammography from 30, risk-reducing salpingo-oophorectomy at 35-40 for BRCA1, 40-45 for BRCA2.",
    "Which is right for an outpatient with CrCl 25 mL/min: nitrofurantoin 100 mg BID x 5 days, or fosfomycin 3 g once?",
    "Hep C treatment: sofosbuvir/velpatasvir 400/100 mg daily x 12 weeks, SVR12 > 95% across genotypes 1-6; check HBsAg and anti-HBc first.",
    "ICD-10 Z79.01 long-term anticoagulant use vs Z79.02 antiplatelet; which goes with I48.0 paroxysmal atrial fibrillation on rivaroxaban 20 mg daily?",
]


def main() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.dont_write_bytecode = True
    from make_clinical import write_marked  # noqa: E402  (sibling module: the same labeling as the other sets)

    write_marked(LOOKUPS, "clinical_lookups.json")


if __name__ == "__main__":
    main()
