"""Hand-written clinical *messages* for clinical_messages.json; spans marked inline as [[TYPE|value]].

Written the way a language model asked to "generate synthetic clinical queries containing PHI"
writes them: full sentences, a title and a full name of many origins (South Asian, East Asian,
African, Hispanic, Eastern European, Arabic; two-part surnames; names that are also words such as
Hope, Faith, Will, Rose, Grant), relatives by name, a date of birth and a visit date, an MRN, an SSN,
an insurer's member id, an account number, a phone, an e-mail and a street address, often several in
one sentence. Written in one sitting and scored once *before* the gate was changed for them. Every
person, number and address is invented and none is a canary value or a value of another dev set.

Labeling follows the other dev sets: titles (Dr., Mr., Ms.) outside the span; states and countries
never labeled; bare years, times of day, durations and relative days never labeled; an age is
labeled only over 89; a facility is HOSPITAL, the city it is in LOCATION.

    python bench/devsets/messages_texts.py     # writes clinical_messages.json beside this file
"""

MESSAGES = [
    # --- full-sentence chart questions, the commonest generator style
    "What were the most recent HbA1c results for patient [[PERSON|Anjali Deshpande]] (DOB [[DATE_TIME|1/2/1958]], MRN [[MEDICAL_RECORD_NUMBER|4481923]])?",
    "Can you summarize the discharge plan for Mr. [[PERSON|Oluwaseun Adebayo-Smith]], who was admitted [[DATE_TIME|2023-11-02]] with community-acquired pneumonia?",
    "Please list all active medications for [[PERSON|Mei-Ling Chou]], born [[DATE_TIME|March 3rd 1961]], medical record #[[MEDICAL_RECORD_NUMBER|A-55120]].",
    "Has [[PERSON|Grant Whitaker]] (SSN [[US_SSN|512-44-8812]]) completed his pre-operative clearance for the knee replacement scheduled on [[DATE_TIME|04/07/2023]]?",
    "Show me the echocardiogram report for Ms. [[PERSON|Hope Villaseñor]] from [[DATE_TIME|September 14, 2022]].",
    "Did [[PERSON|Faith Mwangi]] receive her second dose of the shingles vaccine at [[HOSPITAL|Riverside Family Health Center]]?",
    "Retrieve the pathology findings for [[PERSON|Will Okonkwo]], MRN [[MEDICAL_RECORD_NUMBER|7302618]], biopsy collected [[DATE_TIME|06/19/2023]].",
    "What is the current INR for [[PERSON|Rose Albescu]], a [[AGE|92]]-year-old woman on warfarin living at [[STREET_ADDRESS|318 Larchmere Court, Apt 4B]]?",
    "I need the vaccination history for [[PERSON|Tomasz Wiśniewski-Kowal]] (DOB [[DATE_TIME|07/22/1984]]) before his travel clinic visit.",
    "Could you check whether [[PERSON|Fatima Al-Rashidi]] has an allergy to penicillin documented? Her MRN is [[MEDICAL_RECORD_NUMBER|90017735]].",
    "Summarize the last three clinic notes for [[PERSON|Hiroshi Takeda]], medical record number [[MEDICAL_RECORD_NUMBER|MRN-882104]].",
    "Was Mr. [[PERSON|Chukwuemeka Obi]] seen in the emergency department on [[DATE_TIME|January 5, 2024]]?",
    "Find the lipid panel ordered for [[PERSON|Svetlana Petrovna Ivanova]] on [[DATE_TIME|12/01/2023]].",
    "Does [[PERSON|Carlos Mendoza Ríos]] have a follow-up appointment after his cardiac catheterization on [[DATE_TIME|2/28/2024]]?",
    "List any abnormal imaging for [[PERSON|Priyanka Venkataraman]], DOB [[DATE_TIME|10/30/1975]], SSN [[US_SSN|603-18-2279]].",
    "Provide a summary of the oncology consult for [[PERSON|Nomvula Dlamini]] at [[HOSPITAL|Lakeport Regional Medical Center]] on [[DATE_TIME|05/16/2023]].",
    "When was [[PERSON|Jae-won Park]] last prescribed atorvastatin, and by which provider?",
    "What dose of levothyroxine is [[PERSON|Agnieszka Zielińska]] currently taking? MRN [[MEDICAL_RECORD_NUMBER|5526310]].",
    "Please pull the colonoscopy results for [[PERSON|Kwabena Asante]] from [[DATE_TIME|August 2023]].",
    "Is [[PERSON|Yusuf Haddad]] due for his annual diabetic eye exam? He was born on [[DATE_TIME|11/11/1966]].",
    "Check whether [[PERSON|Lucía Fernández de la Vega]] had a mammogram at [[HOSPITAL|St. Brendan's Hospital]] in the past year.",
    "Has [[PERSON|Dmitri Sokolenko]] been screened for hepatitis C? His medical record number is [[MEDICAL_RECORD_NUMBER|H-2093381]].",
    "Show blood pressure readings for [[PERSON|Thandiwe Nkosi]] between [[DATE_TIME|03/01/2024]] and [[DATE_TIME|03/31/2024]].",
    "Did Dr. [[PERSON|Ramesh Iyer]] document a cardiology referral for [[PERSON|Leilani Kahananui]]?",
    # --- relatives and family
    "Mrs. [[PERSON|Esperanza Quintero]] called on behalf of her husband [[PERSON|Rafael]] asking for his lab results from [[DATE_TIME|10/12/2023]].",
    "His daughter [[PERSON|Anjali]] is listed as the emergency contact for [[PERSON|Suresh Nair]]; her number is [[PHONE_NUMBER|(408) 555-3317]].",
    "Can the clinic share the discharge instructions for [[PERSON|Ming Zhao]] with his son [[PERSON|Kevin Zhao]] at [[EMAIL_ADDRESS|kevin.zhao.family@brightmail.com]]?",
    "The patient's wife, [[PERSON|Aisha Bello]], reports that [[PERSON|Ibrahim Bello]] has been confused since [[DATE_TIME|Tuesday]].",
    "[[PERSON|Maribel Soto]] is asking whether her mother, [[PERSON|Graciela Soto]] ([[AGE|94]]), can be moved to a single room.",
    "Please notify [[PERSON|Olena Kravchenko]]'s brother [[PERSON|Andriy]] at [[PHONE_NUMBER|773-555-0841]] that she is being transferred to [[HOSPITAL|Mercy Hospital]].",
    "Her granddaughter [[PERSON|Precious Adeyemi]] wants to know whether the hospice paperwork for [[PERSON|Comfort Adeyemi]] was received.",
    "[[PERSON|Will]]'s father called to say [[PERSON|Will]] vomited twice after the new antibiotic.",
    # --- dense identifier strings, the generator packs everything into one record
    "Patient [[PERSON|Rahul Mehta]], DOB [[DATE_TIME|04/18/1972]], SSN [[US_SSN|448-20-9173]], MRN [[MEDICAL_RECORD_NUMBER|6612093]], presented with chest pain on [[DATE_TIME|02/11/2024]].",
    "Verify coverage for [[PERSON|Xiomara Gutiérrez Paredes]], Blue Cross member ID [[HEALTH_PLAN_NUMBER|XJH448812901]], group [[HEALTH_PLAN_NUMBER|77410]], before her MRI on [[DATE_TIME|5/3/2024]].",
    "Mr. [[PERSON|Bogdan Ionescu]]'s Medicare number is [[HEALTH_PLAN_NUMBER|1EG4-TE5-MK72]]; please confirm his Part B eligibility.",
    "Update billing for account #[[ACCOUNT_NUMBER|88120-4471]] belonging to [[PERSON|Ngozi Eze]]; the balance from [[DATE_TIME|December 2023]] was paid.",
    "[[PERSON|Layla Haddad]] (social [[US_SSN|512448812]]) needs a copy of her immunization record mailed to [[STREET_ADDRESS|2290 Foxhollow Road]], [[LOCATION|Dearborn]], MI [[ZIP_CODE|48126]].",
    "Please confirm the Medicaid ID [[HEALTH_PLAN_NUMBER|NY83920174]] for [[PERSON|Jamal Washington]], DOB [[DATE_TIME|9/9/1990]].",
    "Insurance on file for [[PERSON|Min-jun Kang]]: Aetna member ID [[HEALTH_PLAN_NUMBER|W448120775]], policy holder [[PERSON|Soo-ah Kang]].",
    "Patient Name: [[PERSON|Ewa Nowak-Lis]] | DOB: [[DATE_TIME|12/25/1949]] | MRN: [[MEDICAL_RECORD_NUMBER|3108842]] | Question: is her potassium trending down?",
    "For [[PERSON|Santiago Herrera]], MRN [[MEDICAL_RECORD_NUMBER|5170046]], account number [[ACCOUNT_NUMBER|4402193877]], what is the outstanding copay?",
    "Claim for [[PERSON|Hamid Karimi]], UnitedHealthcare ID [[HEALTH_PLAN_NUMBER|U82047719]], date of service [[DATE_TIME|07/14/2023]], was denied - why?",
    "[[PERSON|Ana Paula Souza]], SSN [[US_SSN|231-77-5048]], phone [[PHONE_NUMBER|415-555-2098]], email [[EMAIL_ADDRESS|anapaula.souza@inboxly.net]], requests her records.",
    "The guarantor for account [[ACCOUNT_NUMBER|ACCT-5530128]] is [[PERSON|Grace Lindholm]], [[STREET_ADDRESS|41 Cedar Bluff Lane]], [[LOCATION|Bemidji]], MN [[ZIP_CODE|56601]].",
    "Cigna subscriber ID [[HEALTH_PLAN_NUMBER|CGN-30918844]] for [[PERSON|Arjun Kapoor]] - is prior authorization needed for the CT scan?",
    "Tricare sponsor SSN [[US_SSN|377-02-6614]], beneficiary [[PERSON|Destiny Reynolds]], DOB [[DATE_TIME|3/17/2011]].",
    "Kaiser health plan number [[HEALTH_PLAN_NUMBER|000118832945]] belongs to [[PERSON|Tuan Le]]; his PCP is Dr. [[PERSON|Sarah Goldberg]].",
    "Bill [[PERSON|Kateryna Shevchenko]] at account no. [[ACCOUNT_NUMBER|7700-31984]] for the visit on [[DATE_TIME|Nov 8, 2023]].",
    # --- portal messages from patients, first person
    "Hi, my name is [[PERSON|Rosa Maria Delgado]] and I was born on [[DATE_TIME|June 12, 1955]]. Can you tell me if my thyroid results came back?",
    "Hello, this is [[PERSON|Mohammed Al-Farsi]]. My MRN is [[MEDICAL_RECORD_NUMBER|2284017]]. I need a refill of my metformin 1000 mg.",
    "Good morning, I'm [[PERSON|Hope Nakashima]], please call me at [[PHONE_NUMBER|206-555-7712]] about my appointment on [[DATE_TIME|the 21st]].",
    "Dear Dr. [[PERSON|Kowalewski]], I have had headaches since last Friday and I'm worried. - [[PERSON|Mariam Youssef]]",
    "My son [[PERSON|Diego]] (DOB [[DATE_TIME|02/03/2016]]) has an ear infection again. Can we get an appointment with Dr. [[PERSON|Patel]]?",
    "This is [[PERSON|Faith]] from [[STREET_ADDRESS|906 Marigold Avenue Unit 12]], I need to update my phone number to [[PHONE_NUMBER|312-555-8806]].",
    "I moved! New address: [[STREET_ADDRESS|1455 Kenwood Drive, Apt 307]], [[LOCATION|Raleigh]], NC [[ZIP_CODE|27609]]. - [[PERSON|Sunil Bhattacharya]]",
    "I'd like to cancel my appointment on [[DATE_TIME|Thursday, April 11]]. Thanks, [[PERSON|Zhang Wei]]",
    "Can you email my lab results to [[EMAIL_ADDRESS|t.adewale77@mailcove.com]]? This is [[PERSON|Tolu Adewale]], DOB [[DATE_TIME|8/30/1988]].",
    "hi, it's [[PERSON|Rose]] again, my husband [[PERSON|Grant]] still can't log into the portal, his email is [[EMAIL_ADDRESS|grantp1960@hearthnet.org]]",
    "Please send a copy of my MRI from [[DATE_TIME|10/02/2023]] to my new neurologist, Dr. [[PERSON|Elif Demir]], fax [[PHONE_NUMBER|(646) 555-0193]].",
    "I am [[PERSON|Olumide Bankole]], member ID [[HEALTH_PLAN_NUMBER|BCX220149873]], and I was charged twice for my visit on [[DATE_TIME|March 4]].",
    # --- clinician to clinician, referrals, consults
    "Referring [[PERSON|Vikram Singh Rathore]], [[AGE|90]], to cardiology at [[HOSPITAL|Mount Carmel Heart Institute]] for evaluation of aortic stenosis.",
    "Dr. [[PERSON|Ngo]], could you see my patient [[PERSON|Huong Tran]] this week? She had a syncopal episode on [[DATE_TIME|1/19/2024]].",
    "Consult request: [[PERSON|Abena Owusu]], MRN [[MEDICAL_RECORD_NUMBER|884-20-117]], new-onset atrial fibrillation, admitted [[DATE_TIME|2024-01-27]].",
    "Please arrange home health for [[PERSON|Stanislav Horák]] at [[STREET_ADDRESS|72 Quarry Hill Rd]], [[LOCATION|Montpelier]], VT [[ZIP_CODE|05602]].",
    "Dr. [[PERSON|Rivka Feinberg]] asked me to forward the biopsy report for [[PERSON|Jorge Ybarra]] (DOB [[DATE_TIME|5/5/1963]]) to [[HOSPITAL|Hillcrest Oncology Associates]].",
    "Transferring [[PERSON|Mustafa Özdemir]] from [[HOSPITAL|Saint Ignatius Medical Center]] to our ICU; outside MRN [[MEDICAL_RECORD_NUMBER|SAMC-0092187]].",
    "We received a fax from [[HOSPITAL|Brookdale Community Hospital]] regarding [[PERSON|Parisa Farahani]]; please scan it into her chart ([[MEDICAL_RECORD_NUMBER|6603915]]).",
    "Please have Dr. [[PERSON|Adaeze Nwachukwu]] review the CT for Mr. [[PERSON|Emmanuel Mensah]] before [[DATE_TIME|Monday]].",
    "Can [[PERSON|Hope]] from physical therapy call [[PERSON|Bartholomew Reyes]] at [[PHONE_NUMBER|555-402-7719]] to set up his sessions?",
    "Nurse [[PERSON|Joy Abernathy]] noted that [[PERSON|Kenji Watanabe]] refused his evening insulin on [[DATE_TIME|12/18]].",
    # --- scheduling and admin
    "Schedule [[PERSON|Isabela Costa]] for a follow-up on [[DATE_TIME|May 20th]] and confirm by calling [[PHONE_NUMBER|(781) 555-6042]].",
    "Reschedule Ms. [[PERSON|Naledi Mokoena]]'s colonoscopy from [[DATE_TIME|06/03/2024]] to [[DATE_TIME|06/17/2024]].",
    "Add [[PERSON|Pavel Novák]] to the waitlist for dermatology; his preferred contact is [[EMAIL_ADDRESS|pnovak.cz@quillmail.com]].",
    "Book an interpreter (Arabic) for [[PERSON|Nadia Khalil]]'s appointment on [[DATE_TIME|Wednesday, February 7]].",
    "Please confirm [[PERSON|Aarav Gupta]]'s appointment at [[HOSPITAL|Cedar Grove Pediatrics]], [[STREET_ADDRESS|1200 West Elm Street, Suite 300]], [[LOCATION|Plano]], TX [[ZIP_CODE|75093]].",
    "Send appointment reminder to [[PERSON|Wanjiru Kamau]] at [[PHONE_NUMBER|+1 (202) 555-0176]] for [[DATE_TIME|10/15/2024]].",
    # --- older / very old patients, ages over 89
    "Mr. [[PERSON|Harold Pemberton]] is a [[AGE|97]]-year-old man with dementia; should we continue his aspirin?",
    "[[PERSON|Beatriz Lozano]], age [[AGE|91]], fell at home on [[DATE_TIME|4/2/2024]] - was a hip X-ray ordered?",
    "The [[AGE|103]]-year-old patient, [[PERSON|Eleanor Whitcombe-Hughes]], asked whether she still needs a flu shot.",
    # --- names alone, names that are words, names without a cue
    "[[PERSON|Grant Ellison]] and [[PERSON|Will Marchetti]] both have pending prior authorizations - which was submitted first?",
    "Did [[PERSON|Rose Nguyen]] get her potassium recheck?",
    "Is [[PERSON|Faith Oyebanji]] pregnant? Check the hCG from yesterday morning's draw.",
    "[[PERSON|Chidi Okafor-Blake]] needs his PICC line dressing changed.",
    "Why is [[PERSON|Xu Mingyang]] still NPO?",
    "Give me the discharge summary for [[PERSON|Valentina Rossi]].",
    "[[PERSON|Darius Farrokhzad]] missed his dialysis session; call his cell [[PHONE_NUMBER|310.555.4428]].",
    "How long has [[PERSON|Lakshmi Subramanian]] been on prednisone?",
    # --- facilities and places in prose
    "[[PERSON|Joaquín Barrera]] was transferred from [[HOSPITAL|Valley Presbyterian]] to [[HOSPITAL|Cedars-Sinai]] on [[DATE_TIME|11/27/2023]].",
    "Patient lives in [[LOCATION|Visalia]] with her daughter [[PERSON|Marisol]] and receives dialysis at [[HOSPITAL|Sierra Kidney Center]].",
    "Records from [[HOSPITAL|Northside Hospital Forsyth]] for [[PERSON|Jasmine Carter]] (DOB [[DATE_TIME|01/06/1993]]) have not arrived.",
    "[[PERSON|Khalid Mansour]] works at the warehouse on [[STREET_ADDRESS|55 Industrial Parkway]] in [[LOCATION|Elizabeth]], NJ and was injured on [[DATE_TIME|3/12/2024]].",
    # --- license, other ids
    "Prescriber Dr. [[PERSON|Monique Baptiste]], DEA [[LICENSE_NUMBER|BB4819263]], NPI [[LICENSE_NUMBER|1548362907]], called in oxycodone for [[PERSON|Tyrone Jackson]].",
    "Encounter [[OTHER_ID|ENC-20240311-0087]] for [[PERSON|Sofia Petrenko]] is missing a diagnosis code.",
    "Claim number [[OTHER_ID|CLM 882104-77]] for [[PERSON|Gabriel Ortiz Morales]] was resubmitted on [[DATE_TIME|January 22, 2024]].",
    "[[PERSON|Yasmin Abdullah]]'s driver's license [[LICENSE_NUMBER|D4410-8812-3397]] was scanned at registration.",
    # --- lower case, hurried generator variants
    "pls check if [[PERSON|arjun menon]] dob [[DATE_TIME|3/22/1980]] had his flu shot this season",
    "mrn [[MEDICAL_RECORD_NUMBER|9920417]] - [[PERSON|lindiwe zulu]] - any new cultures?",
    "what did dr [[PERSON|okafor]] say about mrs. [[PERSON|adjei]]'s wound",
    "need records for [[PERSON|faith hollister]] seen [[DATE_TIME|10/3/23]] at [[HOSPITAL|mercy west]]",
    "[[PERSON|grace o'malley]] ssn [[US_SSN|409 33 1780]] member id [[HEALTH_PLAN_NUMBER|HZN5520914]]",
    # --- PII-free clinical queries (no labels)
    "What is the recommended starting dose of apixaban for nonvalvular atrial fibrillation in a patient over 80 years old?",
    "Summarize the current ADA guidelines for HbA1c targets in older adults with multiple comorbidities.",
    "Which antibiotics are first-line for community-acquired pneumonia in an outpatient without comorbidities?",
    "How should metformin be adjusted when eGFR falls below 45 mL/min/1.73 m2?",
    "List the contraindications to tPA in acute ischemic stroke.",
    "What is the Wells score threshold for ordering a CT pulmonary angiogram?",
    "Explain the difference between type 1 and type 2 heart failure with preserved ejection fraction phenotypes.",
    "What are common side effects of semaglutide 1 mg weekly?",
    "When is a DEXA scan recommended for men?",
    "Describe the management of diabetic ketoacidosis in the first 24 hours.",
    "Is it safe to give ibuprofen with lisinopril and hydrochlorothiazide?",
    "What vaccines are recommended for adults over 65 in the fall?",
    "Compare the efficacy of sertraline and escitalopram for generalized anxiety disorder.",
    "How is Hashimoto's thyroiditis distinguished from Graves' disease on laboratory testing?",
    "What is the target blood pressure after an ischemic stroke?",
    "Outline the CURB-65 criteria and how they guide admission decisions.",
    "What monitoring is required for patients on amiodarone 200 mg daily?",
    "Which statin intensity is recommended after a myocardial infarction?",
    "Give the renal dosing for enoxaparin when creatinine clearance is below 30 mL/min.",
    "What are the red flag symptoms for low back pain that warrant imaging?",
    "How often should a patient with Crohn's disease on infliximab have TB screening?",
    "Explain the Glasgow-Blatchford score for upper GI bleeding.",
    "What is the first-line treatment for Helicobacter pylori in the United States?",
    "Should potassium be replaced before starting insulin in DKA if K is 3.2 mmol/L?",
    "What are the Beers criteria recommendations on benzodiazepines in the elderly?",
    "Review the evidence for SGLT2 inhibitors in chronic kidney disease without diabetes.",
]


def main() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.dont_write_bytecode = True
    from make_clinical import write_marked  # noqa: E402  (sibling module: the same labeling as the other sets)

    write_marked(MESSAGES, "clinical_messages.json")


if __name__ == "__main__":
    main()
