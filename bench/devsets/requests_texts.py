"""Hand-written synthetic clinical *requests* for clinical_requests.json; spans marked inline as [[TYPE|value]].

A second independent first-look set in the style of the held-out data: what a language model writes when asked
to "generate realistic clinical queries/requests that contain PHI". 200 records written in one sitting by
someone who had not read the gate's rules (nor lookups_texts.py), and scored once *before* the gate was
changed for them. 175 records carry PHI (629 spans, about 3.6 each), 25 carry none but are full of what a
redactor must keep (doses, lab values with units and ranges, ICD-10/CPT codes, gene symbols and variants,
organisms, eponymous diseases and scores, NCT ids, confidence intervals, p-values, states and countries).

The writer changes from record to record: a nurse, a billing clerk, a patient on the portal, a pharmacist,
an insurance representative, a physician dictating, a medical-records clerk, a researcher asking about one
patient, a case manager; terse lower-case queries with 'pt', 'hx', 'f/u', 'w/' and long formal letters.
Identifiers sit at the very start or end, inside parentheses, after slashes and semicolons, before their
label ('<value> (MRN)'), on the line after their label in key:value blocks, in lists ('MRNs a, b and c'),
two patients to a record; they come in many shapes: MRNs with site prefixes, spaces, leading zeros and check
letters; member, subscriber, policy and group numbers, plan name plus id, MBIs, an old HICN, Medicaid ids;
SSNs dashed, spaced and plain, including 9xx, 000 and 666 areas; dates as '3rd March 2024', '2024.03.03',
'Mar-03-24', 'March of 2023', 'the 3rd', 'DOB 03031951', month-year and with a time. Every person, number and
address is invented; none is a canary value or, to the writer's knowledge, a value of another dev set.

Labeling follows the other dev sets (README.md): titles (Dr., Mr., Ms., RN) outside the span; a label word
('MRN', 'SSN', 'DOB', 'member ID') is never inside the span, but a site or plan prefix written as part of the
id is ('BWH-00611729', 'MR 11-07-42', 'XOF 229104 883'), while a plan name before the id is not ('BCBS', 'AET',
'HMSA'); states and countries are never labeled; bare years, times of day alone, durations and relative days
are never labeled, but a time written with its date is part of the DATE_TIME span ('4/22/2024 10:30 AM'),
and so is a weekday written with its date ('Friday, Feb 9') and a date range ('Jan 4-6, 2024'); an age is
AGE only over 89 (the number only); a facility is HOSPITAL, the city or neighbourhood it is in LOCATION; a
street address is STREET_ADDRESS, its ZIP code ZIP_CODE; 'SSN last four 4417' is not labeled; NPI, DEA and
state license numbers are LICENSE_NUMBER; claim, encounter, auth, accession and ROI numbers are OTHER_ID.

    python bench/devsets/requests_texts.py     # writes clinical_requests.json beside this file
"""

REQUESTS = [
    # --- clinical search / chart questions
    "pt [[PERSON|dmitri volkov]] dob [[DATE_TIME|3/9/48]] mrn [[MEDICAL_RECORD_NUMBER|6630192]] last echo EF?",
    "Find the pathology report for [[PERSON|Kealoha, Malia]], MRN [[MEDICAL_RECORD_NUMBER|QMC-0093318]], collected [[DATE_TIME|2024-02-27]] at [[HOSPITAL|Queen's Medical Center]].",
    "what was the last INR on [[PERSON|Tomasz Grabowski]] / MRN [[MEDICAL_RECORD_NUMBER|W2240917]]? on warfarin 5 mg daily, target 2.0-3.0",
    "Retrieve the discharge summary for [[PERSON|Fatima Al-Zahrani]], admitted [[DATE_TIME|Nov 2, 2023]] and discharged [[DATE_TIME|Nov 9, 2023]] from [[HOSPITAL|Henry Ford Hospital]] in [[LOCATION|Detroit]].",
    "[[MEDICAL_RECORD_NUMBER|8812571]] (MRN) - need the CT abd/pelvis read from [[DATE_TIME|12 Jan 2024]], pt [[PERSON|Ingrid Vestergaard]].",
    "Any positive C. difficile toxin PCR for [[PERSON|Ravi Chandrasekhar]] (MR# [[MEDICAL_RECORD_NUMBER|10-44-7821]]) in the past 90 days?",
    "hx of Graves' disease? check chart for [[PERSON|hope delacroix]] dob [[DATE_TIME|01.22.1979]] mrn [[MEDICAL_RECORD_NUMBER|E5518230]]",
    "Labs for [[PERSON|Chen Wei-Ling]], [[MEDICAL_RECORD_NUMBER|BWH-00611729]]: TSH 6.8 mIU/L (0.4-4.0), free T4 0.7 ng/dL. Was levothyroxine 50 mcg started after the [[DATE_TIME|March 5th]] visit?",
    "Compare eGFR trends for [[PERSON|Olusegun Bankole]] (MRN [[MEDICAL_RECORD_NUMBER|4471086]]) and his wife [[PERSON|Funmilayo Bankole]] (MRN [[MEDICAL_RECORD_NUMBER|4471093]]); both followed at [[HOSPITAL|Grady Memorial]] in [[LOCATION|Atlanta]].",
    "Pull the lipid panels for MRNs [[MEDICAL_RECORD_NUMBER|3390124]], [[MEDICAL_RECORD_NUMBER|3390188]] and [[MEDICAL_RECORD_NUMBER|3391002]] drawn between [[DATE_TIME|Jan 1, 2023]] and [[DATE_TIME|Jun 30, 2023]] (IRB protocol 2023-0417, LDL-C target <70 mg/dL).",
    "Is [[PERSON|Grant Bishop]] (DOB [[DATE_TIME|August 30, 1941]], MRN [[MEDICAL_RECORD_NUMBER|M0098812]]) still on apixaban 2.5 mg BID after the GI bleed?",
    "MRN:\n[[MEDICAL_RECORD_NUMBER|0055120934]]\nName: [[PERSON|Siosaia Taufa]]\nDOB: [[DATE_TIME|1968-10-05]]\nQuestion: most recent uric acid? on allopurinol 300 mg, hx gout flares",
    "search notes mentioning Kawasaki disease for pt [[PERSON|emma lindqvist]] [[MEDICAL_RECORD_NUMBER|SH0042871]]",
    "pull imaging for [[PERSON|Haakon Bjørnstad]] mrn [[MEDICAL_RECORD_NUMBER|7720418K]] - MRI brain w/wo contrast, r/o MS; also check JC virus Ab",
    "What is the most recent BNP for Mrs. [[PERSON|Consolata Mwangi]]? She's [[AGE|96]] and on furosemide 40 mg PO BID. MRN [[MEDICAL_RECORD_NUMBER|KH-3310078]].",
    "[[PERSON|Mohammed Al-Rawahi]] DOB [[DATE_TIME|03031951]] MRN [[MEDICAL_RECORD_NUMBER|2207315]] -- any prior PSA > 4.0 ng/mL? Gleason 3+4 on biopsy",
    "Looking for the sleep study on [[PERSON|Bogdan Kowalczyk]] from [[DATE_TIME|March of 2023]]; AHI was 31/hr I think. MRN is [[MEDICAL_RECORD_NUMBER|MR 11-07-42]].",
    "Find any BRCA1/BRCA2 results in the chart of [[PERSON|Rachel Abramowitz]] (DOB [[DATE_TIME|9/17/1976]]), MRN [[MEDICAL_RECORD_NUMBER|5091847]], referred from [[LOCATION|Teaneck]].",
    "vanc trough on [[PERSON|deshawn price]]? mrn [[MEDICAL_RECORD_NUMBER|9012277]] rm 412, goal 15-20",
    "Show me the TB QuantiFERON for [[PERSON|Thandiwe Dlamini]], collected [[DATE_TIME|2/29/2024]], MRN [[MEDICAL_RECORD_NUMBER|SJ-0071224]], [[HOSPITAL|St. Joseph's]] [[LOCATION|Paterson]].",
    # --- prior authorization, billing, claims
    "Prior auth request: [[PERSON|Lucía Fernández Ortega]], DOB [[DATE_TIME|02/14/1987]], Aetna member ID [[HEALTH_PLAN_NUMBER|W284719305]], requesting adalimumab 40 mg q2wk for Crohn's disease (K50.90).",
    "Billing question - claim [[OTHER_ID|CLM-2024-0088317]] for [[PERSON|Jerome Whitaker]] was denied CO-97. Member ID [[HEALTH_PLAN_NUMBER|XGH448120913]], DOS [[DATE_TIME|01/10/2024]].",
    "Need PA status for Humira for subscriber [[HEALTH_PLAN_NUMBER|884210376-01]] ([[PERSON|Priya Venkataraman]]); auth # [[OTHER_ID|PA7731902]].",
    "medicare pt [[PERSON|harold mckenzie]] mbi [[HEALTH_PLAN_NUMBER|5TR2-JK8-MN47]] dob [[DATE_TIME|6/2/39]] needs ABN for CPT 82306 vit D",
    "Old HICN [[HEALTH_PLAN_NUMBER|437882019A]] is still on file for [[PERSON|Dolores Quintanilla]]; please update to her MBI [[HEALTH_PLAN_NUMBER|7GK4-WP3-XC82]] before we rebill the [[DATE_TIME|December of 2023]] claims.",
    "BCBS [[HEALTH_PLAN_NUMBER|JQW771204558]] group [[HEALTH_PLAN_NUMBER|00418823]] - is CPT 97110 x 12 visits covered for [[PERSON|Mercy Adjei]]?",
    "Eligibility check: [[PERSON|Nguyen Van Thanh]], DOB [[DATE_TIME|19520717]], Medicaid ID [[HEALTH_PLAN_NUMBER|KT48812Q]], lives in [[LOCATION|Flushing]], [[LOCATION|Queens]]. Active as of [[DATE_TIME|3rd March 2024]]?",
    "Account [[ACCOUNT_NUMBER|400771852]]: patient [[PERSON|Sharon Okonkwo-Reyes]] says she paid the $145 copay on [[DATE_TIME|9/14/23]]; please post it.",
    "Policy number [[HEALTH_PLAN_NUMBER|UHC7730418826]]; subscriber [[PERSON|Kwabena Agyeman]]; dependent [[PERSON|Ama Agyeman]], DOB [[DATE_TIME|11/30/2015]]. Need eligibility for 90837.",
    "Guarantor [[PERSON|Rustam Nazarov]], acct # [[ACCOUNT_NUMBER|88-2209174]], balance $2,340.18 for the [[DATE_TIME|Feb 12]] ED visit at [[HOSPITAL|St. Luke's]]. Can we set up a payment plan?",
    "Hi, calling from Humana provider services: member [[HEALTH_PLAN_NUMBER|H81047729]] ([[PERSON|Ernestine Gallagher]], DOB [[DATE_TIME|7/7/1936]]) shows term date [[DATE_TIME|10/31/2023]]. Please verify the new coverage before billing G0439.",
    "Denied: encounter [[OTHER_ID|ENC88214063]], pt [[PERSON|Khalid Mahmoud]], SSN [[US_SSN|912-44-0871]], CPT 93306 - missing modifier 26. resubmit?",
    "pls check secondary ins for [[PERSON|marta gonzález]]: tx medicaid [[HEALTH_PLAN_NUMBER|550148823]] / primary Cigna [[HEALTH_PLAN_NUMBER|U7742910 03]]",
    "Can you tell me why my claim [[OTHER_ID|23-114-9081]] was denied? My name is [[PERSON|Wei Zhang]] and my member number is [[HEALTH_PLAN_NUMBER|ZGP 441 820 117]]. The visit was [[DATE_TIME|December 5th]].",
    "Group #: [[HEALTH_PLAN_NUMBER|GRP-7731045]]\nSubscriber ID: [[HEALTH_PLAN_NUMBER|A0092817734]]\nPatient: [[PERSON|Obinna Chukwu]]\nService: MRI lumbar spine 72148, L4-L5 radiculopathy x 8 weeks, failed PT",
    "Medicare Advantage (Wellcare) [[HEALTH_PLAN_NUMBER|62201884510]] for [[PERSON|Agnes Pettersson]], [[AGE|92]] - does she need a referral for podiatry (nail debridement 11721)?",
    "Prior auth for Ozempic 1 mg weekly, T2DM (E11.65), A1c 8.9% on metformin 1000 mg BID. Patient [[PERSON|Rajesh Iyer]], DOB [[DATE_TIME|05/30/1966]], Anthem ID [[HEALTH_PLAN_NUMBER|YRK908812446]]. Prescriber NPI [[LICENSE_NUMBER|1457382913]].",
    "Need the EOB for [[PERSON|Carmen Delgado-Ruiz]], claim no. [[OTHER_ID|0099281736]], DOS [[DATE_TIME|2023-11-20]] - patient disputes $612.00 coinsurance.",
    "self-pay pt [[PERSON|Tuan Pham]], acct [[ACCOUNT_NUMBER|6610093824]], wants itemized bill for [[DATE_TIME|Jan 4-6, 2024]] stay; mail to [[STREET_ADDRESS|77 Orchard St Unit 2]], [[LOCATION|Lowell]] MA [[ZIP_CODE|01852]]",
    "Coverage verification: [[PERSON|Shirin Tehrani]], SS# [[US_SSN|666-20-4419]], Oscar member [[HEALTH_PLAN_NUMBER|OSC-1120-88417]]. Is the sleep study (95810) in network?",
    "[[HEALTH_PLAN_NUMBER|1EK9-RN4-TA63]] - Medicare MBI for [[PERSON|Walter Brandstetter]]; DOB [[DATE_TIME|10/10/1931]]; he is [[AGE|92]]. Confirm Part B active before DEXA (77080).",
    "Tricare sponsor SSN [[US_SSN|000-45-8812]] for dependent [[PERSON|Keanu Alapai]], DOB [[DATE_TIME|4/19/2009]]. Is ADHD eval 96130 covered?",
    "Medicaid recipient [[PERSON|Lashonda Greer]] (SSN [[US_SSN|428-06-1193]]), ID [[HEALTH_PLAN_NUMBER|0045 1187 23]], [[LOCATION|Jackson]], MS - transport benefit for dialysis MWF?",
    "Please appeal denial on auth [[OTHER_ID|AUTH-883104]] for [[PERSON|Ivan Moroz]] (member [[HEALTH_PLAN_NUMBER|WPX2209416]]). Infliximab 5 mg/kg q8wk for ulcerative colitis, failed mesalamine 4.8 g/day.",
    "insurance rep [[PERSON|Tanya]] from Molina called re: [[PERSON|jose luis ybarra]] id [[HEALTH_PLAN_NUMBER|MOL887120045]] - needs updated H&P dated after [[DATE_TIME|02/06/24]]",
    "The subscriber ID on the card reads [[HEALTH_PLAN_NUMBER|YHG 8801 2245 6]], but the clearinghouse rejected it. Pt [[PERSON|Hana Kobayashi]], DOB [[DATE_TIME|1988/03/22]].",
    "Policy #[[HEALTH_PLAN_NUMBER|PL-40021193]] (Aflac) and group [[HEALTH_PLAN_NUMBER|B4471]] for [[PERSON|Desmond O'Leary]]; supplemental claim for fracture care 27786 on [[DATE_TIME|Sept 9, 2023]].",
    "we billed 99215 for [[PERSON|Anneke de Vries]] on [[DATE_TIME|1/19/24]] but payer says 99214 - acct [[ACCOUNT_NUMBER|A-3320917]], payer ref TRN [[OTHER_ID|882019374]]",
    # --- pharmacy
    "Refill request: [[PERSON|Bernadette Ó Súilleabháin]], DOB [[DATE_TIME|5 May 1950]], lisinopril 20 mg daily #90 to the CVS in [[LOCATION|Pawtucket]]; call back [[PHONE_NUMBER|401-555-0187]].",
    "rx refill pls - [[PERSON|tevita fifita]] dob [[DATE_TIME|09-21-1973]] metoprolol succinate 50mg daily, out of pills",
    "Pharmacist here: [[PERSON|Yusuf Demir]] (MRN [[MEDICAL_RECORD_NUMBER|0398812]]) has a script for methotrexate 2.5 mg daily - please confirm with Dr. [[PERSON|Hegstad]] that it should be weekly. DEA on the Rx: [[LICENSE_NUMBER|BH4418275]].",
    "Patient [[PERSON|Aroha Te Rangi]] requests an early refill of oxycodone 5 mg; PDMP shows a fill on [[DATE_TIME|2024.03.03]] from Dr. [[PERSON|Samuel Oduya]] (NPI [[LICENSE_NUMBER|1729048367]]).",
    "Please send a 90-day supply of Eliquis 5 mg BID for [[PERSON|Winifred Ashcombe]], [[AGE|93]], to Express Scripts; member [[HEALTH_PLAN_NUMBER|ESI0448120976]].",
    "Can you renew my insulin glargine 22 units at bedtime? This is [[PERSON|Faisal Qureshi]], my birthday is [[DATE_TIME|July 4th 1979]], and my pharmacy's fax is [[PHONE_NUMBER|713-555-0122]].",
    "Compounding request for [[PERSON|Isabella Rossi]] (pediatric, 14 kg): amoxicillin 90 mg/kg/day div BID for AOM, ins CIG [[HEALTH_PLAN_NUMBER|440918273]].",
    "Pharmacy prior auth for Xarelto 20 mg daily - [[PERSON|Olga Sokolova]], born [[DATE_TIME|1947-02-11]], Part D ID [[HEALTH_PLAN_NUMBER|SXD551207784]]; CrCl 42 mL/min.",
    "Need a vaccine record for [[PERSON|Rahul Khanna]] DOB [[DATE_TIME|08/08/1995]] - Tdap and hep B series for his job; fax to [[PHONE_NUMBER|+1 (646) 555-0150]].",
    "Mail-order rx for [[PERSON|Esperanza Villanueva]] going to [[STREET_ADDRESS|PO Box 2291]], [[LOCATION|Taos]], NM [[ZIP_CODE|87571]]; metformin ER 750 mg x2 daily.",
    "DEA [[LICENSE_NUMBER|FM2039611]] on the buprenorphine script for [[PERSON|Dylan Marsh]] doesn't match the prescriber Dr. [[PERSON|Fiona Mbeki]] - please verify.",
    "Pt [[PERSON|Siddharth Rao]] allergic to sulfa (SJS in 2011); pls d/c Bactrim DS ordered [[DATE_TIME|1/23/24]], MRN [[MEDICAL_RECORD_NUMBER|Z7701846]].",
    # --- referrals
    "Referring [[PERSON|Mele Kaufusi]] to nephrology: Cr 2.1 mg/dL (0.6-1.2), UACR 410 mg/g. Insurance Kaiser [[HEALTH_PLAN_NUMBER|0081 4420 17]]. Phone [[PHONE_NUMBER|(808) 555-0142]].",
    "Dr. [[PERSON|Onwuachi]], please see Ms. [[PERSON|Rose Thibodeaux]] from [[LOCATION|Lafayette]] for suspected Sjögren's syndrome; anti-SSA positive, ESR 48 mm/hr.",
    "ref to derm: [[PERSON|will carter]] mrn [[MEDICAL_RECORD_NUMBER|5528104]] changing nevus L shoulder, ABCDE +, fam hx melanoma (dad)",
    "Urgent referral - [[PERSON|Amaru Quispe]], DOB [[DATE_TIME|12/12/1990]], to [[HOSPITAL|Mayo Clinic]] [[LOCATION|Rochester]] for hepatology; AST 412, ALT 530 U/L, INR 1.8. Contact [[EMAIL_ADDRESS|amaru.q90@protonmail.com]].",
    "Please forward the referral for [[PERSON|Lakshmi Narayanan]] to Dr. [[PERSON|Emeka Obi]], [[HOSPITAL|Northside Neurology Associates]], fax [[PHONE_NUMBER|404.555.0139]]. Dx: G43.909 migraine.",
    "OB referral - [[PERSON|Ayesha Farooqui]], G2P1, LMP [[DATE_TIME|1/28/24]], [[HOSPITAL|Lenox Hill]]; insurance EmblemHealth GHI [[HEALTH_PLAN_NUMBER|884127706]].",
    "can u send [[PERSON|gustavo pereira]] to pain mgmt, L4-L5 DDD, failed gabapentin 300 TID. his email [[EMAIL_ADDRESS|gpereira1961@gmail.com]]",
    "Kindly refer Mr. [[PERSON|Ali Reza Karimi]] (MRN [[MEDICAL_RECORD_NUMBER|TUH-0092217]], Medicaid [[HEALTH_PLAN_NUMBER|770188234]]) to the [[HOSPITAL|Temple University Hospital]] sickle cell clinic.",
    "Referral letter: [[PERSON|Tallulah Redcloud]], [[LOCATION|Gallup]], NM, HbA1c 10.2%, retinopathy screen overdue. PCP Dr. [[PERSON|Jonah Whitehorse]], [[HOSPITAL|Gallup Indian Medical Center]].",
    "Sending [[PERSON|Shreya Kapoor]] over to rheum (RF 88 IU/mL, anti-CCP >250). DOB [[DATE_TIME|6/14/1983]]. Her policy is UHC [[HEALTH_PLAN_NUMBER|918830112]], group [[HEALTH_PLAN_NUMBER|710244]].",
    # --- scheduling
    "Schedule f/u for [[PERSON|Arjun Mehta]] [[MEDICAL_RECORD_NUMBER|7730219-4]] w/ Dr [[PERSON|Liang]] on [[DATE_TIME|4/22/2024 10:30 AM]]",
    "Hi, this is [[PERSON|Faith Owusu]]. I need to move my appointment from [[DATE_TIME|the 3rd]] to sometime the week after. My date of birth is [[DATE_TIME|June 8, 1990]]. Thanks!",
    "reschedule colonoscopy - [[PERSON|luz marina cárdenas]], cell [[PHONE_NUMBER|787.555.0163]], prefers mornings, prep w/ GoLytely 4 L",
    "Please add [[PERSON|Olamide Adeyemi]] to Dr. [[PERSON|Kettleborough]]'s schedule [[DATE_TIME|Tuesday, April 9]] at 2:15 pm; new pt, reason: thyroid nodule TI-RADS 4.",
    "appt reminder to [[EMAIL_ADDRESS|jnakamura@outlook.com]] ([[PERSON|Jun Nakamura]]) for [[DATE_TIME|2024-05-02 08:00]] fasting labs, BMP + lipid",
    "Pt [[PERSON|Malak Haddad]] cancelled her [[DATE_TIME|3/18]] MRI at [[HOSPITAL|UCSF Mission Bay]]; rebook at the [[LOCATION|Daly City]] site? MRN [[MEDICAL_RECORD_NUMBER|UC40918823]].",
    "book PT eval for [[PERSON|summer nguyen]] at the [[LOCATION|Bellevue]] clinic, referral from dr [[PERSON|okoro]], ins premera [[HEALTH_PLAN_NUMBER|8812094 01]]",
    # --- lab results
    "What does a ferritin of 8 ng/mL mean for my daughter [[PERSON|Summer Hale]]? Her chart number is [[MEDICAL_RECORD_NUMBER|PED-448109]] and the draw was on [[DATE_TIME|Friday, Feb 9]].",
    "Lab question: potassium 6.1 mmol/L on [[PERSON|Ibrahim Haddad]] ([[MEDICAL_RECORD_NUMBER|LH00293817]]) drawn [[DATE_TIME|2024-01-15 06:40]] - hemolyzed? repeat ordered.",
    "Pt [[PERSON|Wanjiru Njoroge]], DOB [[DATE_TIME|12/25/1971]], SSN [[US_SSN|524-71-9083]] - need her HIV viral load and CD4 from [[HOSPITAL|Parkland]].",
    "my results say hemoglobin 10.9 g/dL (12.0-15.5). is that bad? - [[PERSON|Nadia Petrescu]], dob [[DATE_TIME|11-4-88]]",
    "Please fax the sputum culture (Mycobacterium avium complex) for [[PERSON|Eitan Shapiro]], MRN [[MEDICAL_RECORD_NUMBER|RH0092841]], to [[PHONE_NUMBER|617-555-0153]].",
    "[[PERSON|Yaw Asante]] [[MEDICAL_RECORD_NUMBER|44 71 902]] - PSA 0.02 ng/mL post RP on [[DATE_TIME|Aug 17, '23]], undetectable, next in 6 mo",
    "Did the Lyme serology on [[PERSON|Caleb Winthrop]] from [[LOCATION|Lyme]], CT come back? Western blot IgM 2/3 bands. DOB [[DATE_TIME|05/05/2005]].",
    "urine cx on [[PERSON|ana paula moreira]] mrn [[MEDICAL_RECORD_NUMBER|00478821]] - E. coli >100k CFU/mL, ESBL? sensitivities pending",
    # --- care coordination / case management
    "Case manager note: [[PERSON|Elijah King]], [[AGE|91]], lives alone at [[STREET_ADDRESS|418 Birchwood Ln Apt 3C]], [[LOCATION|Toledo]], OH [[ZIP_CODE|43612]]; needs home health PT/OT after hip ORIF.",
    "coordinating d/c for [[PERSON|josefina ramírez]] mrn [[MEDICAL_RECORD_NUMBER|4410923]]; dtr [[PERSON|Yesenia]] [[PHONE_NUMBER|(915) 555-0119]] will pick her up; SNF placement in [[LOCATION|El Paso County]]",
    "Hospice referral: [[PERSON|Clarence Abernathy]], [[AGE|97]], metastatic prostate CA, PPS 30%. Wife [[PERSON|Imogene]] is POA. Address [[STREET_ADDRESS|RR 2 Box 114]], [[LOCATION|Harlan]], KY [[ZIP_CODE|40831]].",
    "SW consult for [[PERSON|Marisa Tuilagi]], MRN [[MEDICAL_RECORD_NUMBER|0088172]], housing insecure after discharge on [[DATE_TIME|4/1/24]]; shelter in [[LOCATION|Tacoma]]?",
    "CM: [[PERSON|Doreen Blackwood]] (member [[HEALTH_PLAN_NUMBER|MCR-449201773]]) missed 3 dialysis sessions this month; son [[PERSON|Marquis]] reachable at [[PHONE_NUMBER|773-555-0124]].",
    "DME order for [[PERSON|Pauline Arceneaux]]: hospital bed + hoyer lift, deliver to [[STREET_ADDRESS|2204 Bayou Rd]], [[LOCATION|Houma]], LA [[ZIP_CODE|70360]]. Medicaid [[HEALTH_PLAN_NUMBER|LA99018823]].",
    "transition of care call - [[PERSON|erik johansson]] d/c [[DATE_TIME|3/11]] from [[HOSPITAL|Swedish]] in [[LOCATION|Ballard]], new dx T2DM, started metformin 500 mg BID",
    # --- release of information
    "Release of information: please send records from [[DATE_TIME|02/2022]] to present for [[PERSON|Grace Adebayo-Lewis]], DOB [[DATE_TIME|3/15/1984]], SSN [[US_SSN|401 88 2756]], to [[EMAIL_ADDRESS|records@lakeshorelegal.com]].",
    "ROI request #[[OTHER_ID|ROI-24-00871]]: patient [[PERSON|Viktor Petrenko]], SS# [[US_SSN|078450912]], radiology images only.",
    "Attorney request for records: [[PERSON|Hollis Grantham]], DOB [[DATE_TIME|09/09/1960]], MVA on [[DATE_TIME|7/4/2023]], treated at [[HOSPITAL|Baptist Health]] [[LOCATION|Little Rock]].",
    "Medical records: authorization received for [[PERSON|Leticia Moreno]], social [[US_SSN|622 08 4417]], release to Dr. [[PERSON|Paul Ng]] at [[HOSPITAL|Kaiser Oakland]].",
    "I'm requesting a copy of my own records. [[PERSON|Dominika Nowak]], DOB [[DATE_TIME|4/11/1992]], [[STREET_ADDRESS|3310 W Addison St, Apt 2F]], [[LOCATION|Chicago]] [[ZIP_CODE|60618-4412]].",
    "Subpoena for records of [[PERSON|Raymond Tillman]], soc sec [[US_SSN|987-61-4302]], dates of service [[DATE_TIME|2019-03-02]] through [[DATE_TIME|2020-11-15]]; no psychotherapy notes.",
    "Disability paperwork for [[PERSON|Anita Chowdhury]] (SSN last four 4417) - need notes from [[DATE_TIME|July 2023]] onward, MRN [[MEDICAL_RECORD_NUMBER|0091-4482]].",
    "ROI to life insurer: [[PERSON|Kenneth Osei]], DOB [[DATE_TIME|11.09.1970]], SSN [[US_SSN|921443018]], policy [[HEALTH_PLAN_NUMBER|LF-8810442]].",
    # --- researcher / quality about one patient
    "For the KRAS G12C cohort (NCT05412876), can I confirm that subject [[PERSON|Haruto Ishikawa]], MRN [[MEDICAL_RECORD_NUMBER|0071882934]], had his first sotorasib dose on [[DATE_TIME|2023-09-18]]?",
    "Chart abstraction: [[PERSON|Beatriz Salgado]], MRN [[MEDICAL_RECORD_NUMBER|HSC 00418229]], sepsis bundle - lactate 4.2 mmol/L at triage, abx within 1 h? Arrival [[DATE_TIME|2023-12-02 23:47]].",
    "Quality review of fall on [[DATE_TIME|2/13/2024]]: [[PERSON|Hildegard Meier]], [[AGE|95]], Morse score 65, unit 6W. MRN [[MEDICAL_RECORD_NUMBER|0477120]].",
    "research q: did [[PERSON|farrukh tashkentov]] mrn [[MEDICAL_RECORD_NUMBER|1102934]] receive dexamethasone 6 mg for COVID-19 pneumonia (U07.1)?",
    # --- two patients / lists
    "Twins [[PERSON|Kai Moana]] and [[PERSON|Nalu Moana]], DOB [[DATE_TIME|05/21/2022]], MRNs [[MEDICAL_RECORD_NUMBER|KMC0041127]] / [[MEDICAL_RECORD_NUMBER|KMC0041128]] - both due for MMR.",
    "Merge duplicate charts: [[PERSON|Jorge A. Mendoza]] MRN [[MEDICAL_RECORD_NUMBER|3318272]] and [[PERSON|Jorge Mendoza]] MRN [[MEDICAL_RECORD_NUMBER|3381272]], same DOB [[DATE_TIME|10/30/1964]], same SSN [[US_SSN|533-91-2046]].",
    "Please reconcile: [[PERSON|Ahmed Yilmaz]] / [[MEDICAL_RECORD_NUMBER|0044192]] / AET [[HEALTH_PLAN_NUMBER|W998120443]] / dob [[DATE_TIME|8.8.1969]]",
    # --- terse, lowercase, sloppy
    "[[PERSON|liu yang]] [[MEDICAL_RECORD_NUMBER|ZS00481927]] last colonoscopy? polyps?",
    "need bp log for [[PERSON|grace kim]] dob [[DATE_TIME|11/1/70]] pls",
    "f/u on [[PERSON|nikolai ivanov]] hx cabg x3 2018, lipids pending, mrn [[MEDICAL_RECORD_NUMBER|7711-0928]]",
    "[[PERSON|faith]] in 204 c/o sob, sats 88% RA, on 2L NC now, dr [[PERSON|singh]] aware",
    "ssn [[US_SSN|455 20 1187]] pt [[PERSON|luis ortega]] - registering for [[DATE_TIME|3/12]] procedure",
    "mrn [[MEDICAL_RECORD_NUMBER|6640019]] / [[PERSON|mercy osei]] / wants copy of pap results",
    "[[PERSON|ravi shankar]], [[DATE_TIME|03-15-1949]], member [[HEALTH_PLAN_NUMBER|HUM551208834]], covid booster?",
    "son [[PERSON|will]] and grandson [[PERSON|jordan]] calling re dad [[PERSON|robert hughes]] mrn [[MEDICAL_RECORD_NUMBER|5510388]], pt/inr 4.1 today",
    "any hx of DVT on [[PERSON|marisol vega]]?? dob [[DATE_TIME|7/21/85]] pregnant, on enoxaparin 40 mg daily",
    "chart check [[PERSON|Oyelaran, Babatunde]] [[MEDICAL_RECORD_NUMBER|001948271]] ok for MRI? pacemaker MRI-conditional?",
    "pls confirm dob for [[PERSON|aylin çelik]] - chart says [[DATE_TIME|04/05/1990]], pt says [[DATE_TIME|05/04/1990]]",
    "[[PERSON|bishop]] pt in bed 12 refusing meds, family ([[PERSON|ruth]]) coming at 1800",
    "rn [[PERSON|kayla]] here, pt [[PERSON|tamar levi]] [[MEDICAL_RECORD_NUMBER|M-221-0947]] fell at 0300, no LOC, CT head neg",
    "need auth # for [[PERSON|deandre white]] mri knee, bcbs id [[HEALTH_PLAN_NUMBER|XOF 229104 883]]",
    "[[PERSON|ngozi okeke]] dob [[DATE_TIME|sept 2 1966]] bp 168/102 on amlodipine 10, add hctz?",
    "[[PERSON|j. morales]] / [[MEDICAL_RECORD_NUMBER|N0448291]] / allergy list says 'sulfa' but took bactrim 2022 no rxn",
    "call back mr. [[PERSON|tuiasosopo]] re: ct results [[PHONE_NUMBER|253 555 0133]]",
    # --- formal, long
    "Dear Medical Records Department, I am writing on behalf of my father, [[PERSON|Giuseppe Marchetti]] (date of birth [[DATE_TIME|14 February 1934]]; he is now [[AGE|90]]), who was treated at [[HOSPITAL|Saint Vincent's Hospital]] in [[LOCATION|Worcester]] in [[DATE_TIME|August 2023]]. Please send his cardiology records to me, [[PERSON|Lucia Marchetti]], at [[STREET_ADDRESS|15 Elm Terrace]], [[LOCATION|Shrewsbury]], MA [[ZIP_CODE|01545]].",
    "To whom it may concern: Mrs. [[PERSON|Adaora Nwosu]], MRN [[MEDICAL_RECORD_NUMBER|BMC-7720014]], was seen in clinic on [[DATE_TIME|February 26, 2024]] for follow-up of systemic lupus erythematosus (M32.14). Hydroxychloroquine 200 mg BID was continued. Please direct questions to Dr. [[PERSON|Helen Park]] at [[PHONE_NUMBER|617-555-0102, ext. 331]].",
    "This letter confirms that [[PERSON|Tomás Esquivel]] (DOB [[DATE_TIME|11/19/1978]]; Medicaid [[HEALTH_PLAN_NUMBER|NM99214507]]) requires a power wheelchair due to progressive ALS; FVC 48% predicted on [[DATE_TIME|3/4/2024]].",
    "I am the case manager for [[PERSON|Francine Beaulieu]] at [[HOSPITAL|Maine Medical Center]] in [[LOCATION|Portland]]. Her Medicare number is [[HEALTH_PLAN_NUMBER|2HN6-QF7-YT14]] and she is [[AGE|99]]. She needs a skilled nursing bed by [[DATE_TIME|Thursday, March 14]].",
    "Dictation: This is Dr. [[PERSON|Raymond Achebe]] dictating a consult on [[PERSON|Margarethe Voss]], medical record number [[MEDICAL_RECORD_NUMBER|00337-8812]], date of service [[DATE_TIME|January 22nd, 2024]]. Ms. [[PERSON|Voss]] is a pleasant woman with a history of Hashimoto's thyroiditis and Addison's disease on hydrocortisone 15 mg AM / 5 mg PM.",
    "Good afternoon. On behalf of [[PERSON|Chukwuemeka Nnadi]], I'd like to inquire about the status of his prior authorization (reference [[OTHER_ID|REF-2024-331882]]) for pembrolizumab 200 mg q3w, submitted [[DATE_TIME|3/5/2024]]. His subscriber ID is [[HEALTH_PLAN_NUMBER|MGQ881204771]] and his date of birth is [[DATE_TIME|9/1/1963]].",
    "Physician dictation, [[PERSON|Natalia Romanova]], MRN [[MEDICAL_RECORD_NUMBER|R00551892]]: 58-year-old woman seen [[DATE_TIME|04/03/2024]] for follow-up of HER2-positive breast cancer, s/p trastuzumab. LVEF 55%. Next visit in 3 months.",
    "Pursuant to HIPAA 45 CFR 164.524, I request access to my records. Name: [[PERSON|Ebony Washington-Clarke]]. DOB: [[DATE_TIME|8/22/1975]]. Address: [[STREET_ADDRESS|9021 Crenshaw Blvd #14]], [[LOCATION|Inglewood]], CA [[ZIP_CODE|90305]]. Phone: [[PHONE_NUMBER|(323) 555-0184]].",
    # --- portal messages (first person)
    "Hi Dr. [[PERSON|Villarreal]], it's [[PERSON|Joy Ferreira]]. The rash from the amoxicillin is spreading. My MRN is [[MEDICAL_RECORD_NUMBER|2298017]] if that helps. Can I come in tomorrow morning?",
    "Hi, this is [[PERSON|Priscilla Montgomery]] (patient ID [[MEDICAL_RECORD_NUMBER|MX-0049128]]). I moved to [[STREET_ADDRESS|2210 Lakeview Ave]], [[LOCATION|Madison]] WI [[ZIP_CODE|53704]]. Please update my address and my email to [[EMAIL_ADDRESS|pmontgomery.home@yahoo.com]].",
    "Hello, my name is [[PERSON|Hiroshi Yamamoto]]. I had blood work on [[DATE_TIME|the 2nd of April]] and my LDL was 162 mg/dL. Should I start a statin? I'm 58.",
    "My mom [[PERSON|Rosa Domínguez]] is [[AGE|94]] and lives with us in [[LOCATION|Hialeah]]. She keeps falling. Her Medicare ID is [[HEALTH_PLAN_NUMBER|4PM3-XD2-RH58]]. Who do I talk to about home care?",
    "hi, its [[PERSON|destiny brooks]], my son [[PERSON|king brooks]] has had a cough for 2 weeks, dob [[DATE_TIME|3/30/2019]], can we get seen? call me [[PHONE_NUMBER|901-555-0166]]",
    "Dear care team, I ([[PERSON|Sakura Mori]], born [[DATE_TIME|12/8/1961]]) received a bill for [[DATE_TIME|Jan 17]] with account [[ACCOUNT_NUMBER|7740-2211-09]] but my Aetna ID [[HEALTH_PLAN_NUMBER|W661203448]] should have covered it.",
    "This is [[PERSON|June Albright]] writing for my husband [[PERSON|Frank]], DOB [[DATE_TIME|6/6/1938]], MRN [[MEDICAL_RECORD_NUMBER|0091864]]. He's confused since starting oxybutynin. Please call [[PHONE_NUMBER|555-0129]].",
    "Hi! [[PERSON|Mariana Costa]] here - can I have my HPV vaccine #2 at the [[LOCATION|Somerville]] location instead? My member ID is HPHC [[HEALTH_PLAN_NUMBER|0071 8823 0]].",
    # --- insurance rep / eligibility
    "Eligibility response: [[PERSON|Lindqvist, Per]], DOB [[DATE_TIME|1950-04-16]], MBI [[HEALTH_PLAN_NUMBER|8QN1T27WD49]], Part A eff [[DATE_TIME|04/01/2015]], Part B eff [[DATE_TIME|04/01/2015]], no MSP.",
    "Coverage for member [[PERSON|Yasmin El-Amin]], ID [[HEALTH_PLAN_NUMBER|0042 8815 77]]? Wait - plan changed: new ID [[HEALTH_PLAN_NUMBER|CGN77124180]] eff [[DATE_TIME|2/1/24]]. Confirm before infusion.",
    "Provider services, this is [[PERSON|Dana]] from [[HOSPITAL|Lakeside Family Practice]]: verifying benefits for [[PERSON|Pedro Alvarado]], subscriber [[HEALTH_PLAN_NUMBER|MX440912887]], group [[HEALTH_PLAN_NUMBER|HX-2209]], for a screening colonoscopy.",
    "Member [[HEALTH_PLAN_NUMBER|88120043501]] ([[PERSON|Hana Al-Masri]]) - out-of-network ER visit at [[HOSPITAL|Banner Desert]] in [[LOCATION|Mesa]] on [[DATE_TIME|12/26/2023]], emergent, processed as in-network?",
    "Check if [[PERSON|Ezekiel Thompson]] is still active with Medicaid; ID [[HEALTH_PLAN_NUMBER|8820194471]] (social on file [[US_SSN|590 33 0218]]), lives in [[LOCATION|Miami-Dade County]].",
    "COBRA coverage for [[PERSON|Lindiwe Mahlangu]], former employer group [[HEALTH_PLAN_NUMBER|77401]], member [[HEALTH_PLAN_NUMBER|BCX990128344]], qualifying event [[DATE_TIME|08/31/2023]].",
    # --- key:value fragments inside prose, values before labels
    "Patient [[PERSON|Gao Ming]] (DOB: [[DATE_TIME|1957-01-09]], MRN: [[MEDICAL_RECORD_NUMBER|TX-00419283]], SSN: [[US_SSN|629-40-1157]]) needs the hepatitis B surface antigen result.",
    "[[DATE_TIME|07/16/1949]] (DOB) / [[MEDICAL_RECORD_NUMBER|330912-X]] (MRN) / [[PERSON|Bartholomew Quigley]] - request echo and stress test results.",
    "name=[[PERSON|Aisha Danjuma]]; dob=[[DATE_TIME|1991-05-12]]; mrn=[[MEDICAL_RECORD_NUMBER|0048812]]; question=is the beta-hCG (1,240 mIU/mL) doubling?",
    "Patient: [[PERSON|Kamalei Akana]] | MRN: [[MEDICAL_RECORD_NUMBER|HPH-004412]] | Ins: HMSA [[HEALTH_PLAN_NUMBER|882019-04]] | Request: repeat CBC, WBC 14.2 x10^3/uL",
    "[[HEALTH_PLAN_NUMBER|Z99812047]] (member id) for [[PERSON|Sione Latu]] - need the dental plan too, not medical; his SSN is [[US_SSN|762-08-3315]]",
    "pt: [[PERSON|Ikaika Kalani]] / dob: [[DATE_TIME|3-3-76]] / ssn: [[US_SSN|576 12 0093]] / ins: none - self pay",
    "Re patient [[PERSON|O'Connell, Siobhan]], [[MEDICAL_RECORD_NUMBER|N00418294]]; DOB [[DATE_TIME|Mar 22 1952]]; acct [[ACCOUNT_NUMBER|2210-448812]]: please verify the charge for 36415.",
    # --- with extra distractors
    "Dr. [[PERSON|Ximena Paredes]] asked whether [[PERSON|Lukas Becker]] (MRN [[MEDICAL_RECORD_NUMBER|DE-4471029]]) qualifies for the DAPA-HF style regimen: dapagliflozin 10 mg daily, NYHA class II, NT-proBNP 1,480 pg/mL.",
    "Does [[PERSON|Mariam Jaber]], seen at [[HOSPITAL|Children's Hospital of Philadelphia]] on [[DATE_TIME|Oct 4]], need a repeat sweat chloride (58 mmol/L)? CFTR F508del heterozygous. MRN [[MEDICAL_RECORD_NUMBER|CH-88120476]].",
    "The Wells score for [[PERSON|Kenji Morimoto]] is 4.5 and D-dimer 1,900 ng/mL FEU; CTA ordered. Contact son [[PERSON|Daichi]] [[PHONE_NUMBER|+81 3-5555-0148]].",
    "[[PERSON|Esther Mwale]] from [[LOCATION|Lilongwe]] visiting her daughter in [[LOCATION|Columbus]]; malaria smear positive for P. falciparum 2.1% parasitemia; insurance travel policy [[HEALTH_PLAN_NUMBER|TRV-9930-1187]].",
    "[[PERSON|Pilar Sandoval]], DOB [[DATE_TIME|9/30/1944]], Medicare [[HEALTH_PLAN_NUMBER|6KF8-WR3-HN21]], Part D formulary exception for Entresto 24/26 mg - EF 30%, NYHA III.",
    "[[PERSON|Amir Tavakoli]] - ICD-10 I21.4 NSTEMI, CPT 92928 stent to LAD on [[DATE_TIME|1.12.2024]], [[HOSPITAL|Scripps La Jolla]]; DAPT with ticagrelor 90 mg BID x 12 months.",
    "EMS: [[PERSON|Charlotte Byrne]], [[AGE|101]], found down at [[STREET_ADDRESS|55 Harbor View Rd]], [[LOCATION|Gloucester]], GCS 13, BGL 52 mg/dL, transported to [[HOSPITAL|Beverly Hospital]].",
    "Telehealth visit for [[PERSON|Mohan Krishnamurthy]] on [[DATE_TIME|2024-03-19 15:30]] via [[URL|https://telehealth.northwell-demo.org/rooms/mk3319]]; Zoom link failed. IP [[IP_ADDRESS|10.44.18.207]] logged.",
    "[[PERSON|Delphine Mbarga]] (Cameroon, visiting) - sickle cell crisis, Hb 6.8 g/dL, transfused 2 units, passport on file; [[HOSPITAL|Jackson Memorial]] MRN [[MEDICAL_RECORD_NUMBER|JM00812274]].",
    "Vaccine adverse event: [[PERSON|Owen Fairbanks]], DOB [[DATE_TIME|04/04/2018]], febrile seizure after MMRV on [[DATE_TIME|2/27/24]]; VAERS report filed; mom [[PERSON|Kelsey]] [[EMAIL_ADDRESS|kelsey.fairbanks@icloud.com]].",
    "Dr. [[PERSON|Priyanka Bose]] (NPI [[LICENSE_NUMBER|1903855272]], license [[LICENSE_NUMBER|MD-441872]]) requests peer-to-peer for [[PERSON|Stanislav Dvořáček]]'s denied PET/CT (78815).",
    "Please verify the address for [[PERSON|Rangi Parata]]: [[STREET_ADDRESS|14B Wharf Street]], [[LOCATION|Tauranga]], New Zealand - he is on vacation and needs his levothyroxine 100 mcg.",
    "Lookup: [[PERSON|Soo-ah Baek]], [[MEDICAL_RECORD_NUMBER|0822-1093]], [[HEALTH_PLAN_NUMBER|KR0043772166]], [[LOCATION|Fort Lee]] NJ [[ZIP_CODE|07024]], last TSH?",
    "IT ticket: portal login for [[PERSON|Marcus Dunleavy]] ([[EMAIL_ADDRESS|mdunleavy@fastmail.com]]) locked after 5 attempts from [[IP_ADDRESS|203.0.113.88]]; MRN [[MEDICAL_RECORD_NUMBER|EP4471823]].",
    "[[PERSON|Amara Diallo]] delivered on [[DATE_TIME|the 3rd]] at [[HOSPITAL|Brigham and Women's]]; baby boy 3.2 kg, Apgar 8/9. Mom's MRN [[MEDICAL_RECORD_NUMBER|BW 0044 8721]].",
    "Worker's comp claim [[OTHER_ID|WC-23-448102]] for [[PERSON|Diego Salinas]], injured [[DATE_TIME|11/14/2023]] at [[STREET_ADDRESS|4400 Industrial Pkwy]], [[LOCATION|Fresno]]; employer contact [[PHONE_NUMBER|559-555-0110 x205]].",
    "Denial letter for [[PERSON|Hyun-woo Choi]]: member [[HEALTH_PLAN_NUMBER|W339102847]], service dates [[DATE_TIME|Dec 1-3, 2023]], inpatient level of care not met (InterQual).",
    "Search: patients named [[PERSON|Faith Okonjo]] born in 1953? -- sorry, DOB [[DATE_TIME|6/17/1953]], from [[LOCATION|Enugu]], now in [[LOCATION|Houston]].",
    "MR# [[MEDICAL_RECORD_NUMBER|G6610283]] [[PERSON|Tatiana Morozova]] needs a letter for TSA re: insulin pump and CGM (Dexcom G7).",
    "Please add [[PERSON|Emmanuel Asamoah]] SSN [[US_SSN|229 71 0845]] MRN [[MEDICAL_RECORD_NUMBER|04410227]] to the transplant list review for [[DATE_TIME|4/30/2024]].",
    "HPV 16/18 positive, ASC-H on pap for [[PERSON|Joanna Wójcik]]; colpo at [[HOSPITAL|NYU Langone]] on [[DATE_TIME|Apr 12]]; MRN [[MEDICAL_RECORD_NUMBER|NYU-0082913]].",
    "[[PERSON|Sina Fa'amausili]] - tdap given [[DATE_TIME|2024-01-05]], lot AC52B091, next due 2034",
    # --- no PHI
    "What is the recommended vancomycin loading dose for MRSA bacteremia when CrCl is 35 mL/min?",
    "Compare rates of C. difficile recurrence after fidaxomicin 200 mg BID vs vancomycin 125 mg QID (RR 0.62, 95% CI 0.44-0.87).",
    "ICD-10 for type 2 diabetes with hyperglycemia is E11.65 - what about with diabetic CKD stage 3a (E11.22, N18.31)?",
    "Is CPT 99214 billable with modifier 25 alongside 20610 for a knee injection in Ohio Medicaid?",
    "Which trials are recruiting for EGFR exon 20 insertion NSCLC? I saw NCT04538664 and NCT05132777 mentioned.",
    "Dosing question: enoxaparin 1 mg/kg SC q12h for VTE treatment; adjust to 1 mg/kg daily if CrCl <30 mL/min?",
    "What is the sensitivity of the Tinel and Phalen tests for carpal tunnel syndrome compared with nerve conduction studies?",
    "Typical presentation of Kawasaki disease vs scarlet fever in a 4-year-old: fever >= 5 days, conjunctivitis, strawberry tongue.",
    "Summarize evidence for SGLT2 inhibitors in HFpEF: EMPEROR-Preserved HR 0.79 (95% CI 0.69-0.90), p<0.001.",
    "Normal range for TSH is 0.4-4.0 mIU/L; how should subclinical hypothyroidism with TSH 7.2 be managed in pregnancy?",
    "Does Medicare cover the Shingrix vaccine under Part B or Part D in Texas?",
    "What are the JAK2 V617F, CALR and MPL mutation frequencies in essential thrombocythemia?",
    "Interpret: ABG pH 7.28, PaCO2 58 mmHg, HCO3 26 mEq/L - acute respiratory acidosis?",
    "Guidelines for Helicobacter pylori eradication in areas with >15% clarithromycin resistance (bismuth quadruple therapy x 14 days).",
    "How long should anticoagulation continue after a provoked DVT? 3 months vs 6 months per CHEST 2021.",
    "List drug interactions between tacrolimus 2 mg BID and fluconazole 400 mg daily; expected trough change?",
    "What is the Glasgow-Blatchford score threshold for outpatient management of upper GI bleeding?",
    "Prevalence of Down syndrome (trisomy 21) by maternal age 35-39 in Canada and the United Kingdom.",
    "Is HbA1c reliable in patients with sickle cell trait (HbAS)? Consider fructosamine 200-285 umol/L.",
    "Prior auth criteria for dupilumab 300 mg q2w in atopic dermatitis: EASI >= 16, failed topical tacrolimus for 4 weeks?",
    "Explain the Cockcroft-Gault equation vs CKD-EPI 2021 for dosing apixaban 5 mg BID vs 2.5 mg BID.",
    "Staging for Hodgkin lymphoma (Ann Arbor / Lugano): what qualifies as stage IIB bulky disease?",
    "Recommended empiric therapy for Pseudomonas aeruginosa VAP in a 72-year-old: cefepime 2 g q8h plus tobramycin 7 mg/kg?",
    "Which CPT codes cover the Mini-Mental State Exam and the MoCA (96116, 96132) and how many units per day?",
    "What BRCA1 and PALB2 variants are classified as pathogenic in ClinVar for Ashkenazi Jewish founder mutations (185delAG, 5382insC)?",
]


def main() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.dont_write_bytecode = True
    from make_clinical import write_marked  # noqa: E402  (sibling module: the same labeling as the other sets)

    write_marked(REQUESTS, "clinical_requests.json")


if __name__ == "__main__":
    main()
