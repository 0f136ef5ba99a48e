"""Hand-written clinical *queries* for clinical_queries.json; spans marked inline as [[TYPE|value]].

Short questions and requests a clinician, a biller or a patient types into a clinical search box or
assistant: chart look-ups, portal messages, referrals, scheduling, insurance calls, pharmacy and
records requests. Written in one sitting *before* the gate was changed for them, in the style of the
held-out acceptance set (which nobody here has seen). Every person, number and address is invented
and none is a canary value or a value of another dev set.

Labeling follows the other dev sets: titles (Dr., RN, MD) outside the span; states and countries
never labeled; bare years, times of day, durations and relative days ('last Tuesday', 'tomorrow')
never labeled; an age is labeled only over 89; a facility is HOSPITAL, the city it is in LOCATION.

    python bench/devsets/queries_texts.py     # writes clinical_queries.json beside this file
"""

QUERIES = [
    # --- chart look-ups, lower case and run-together
    "pull up labs for [[PERSON|maria gonzalez-ybarra]] dob [[DATE_TIME|3/14/62]] mrn [[MEDICAL_RECORD_NUMBER|00482913]]",
    "Can you check if pt [[PERSON|Sandoval, Rufino]] (SSN [[US_SSN|318 42 7706]]) has Aetna member ID [[HEALTH_PLAN_NUMBER|W271840036]]?",
    "show me the last 3 A1c values for [[PERSON|keisha mbatha]]",
    "whats the potassium trend for [[PERSON|DORRANCE, WENDELL]] mrn [[MEDICAL_RECORD_NUMBER|7731-0482]]",
    "find notes on [[PERSON|Thaddeus O'Rourke]] from [[DATE_TIME|14-Mar-2024]] to [[DATE_TIME|21-Mar-2024]]",
    "chart [[MEDICAL_RECORD_NUMBER|KH-4418207]] - any echo since [[DATE_TIME|January]]?",
    "[[PERSON|priya raghunathan]] [[MEDICAL_RECORD_NUMBER|56120984]] creatinine?",
    "Look up [[PERSON|Nguyen-Tran, Bao]] DOB [[DATE_TIME|11/02/1979]], needs INR result from [[DATE_TIME|Monday]]",
    "is [[PERSON|Ezekiel de la Cruz]] still on warfarin? mrn [[MEDICAL_RECORD_NUMBER|A00918274]]",
    "last colonoscopy report for [[PERSON|j. whitcombe]] please",
    "Pull CXR from [[DATE_TIME|2/9]] on [[PERSON|Halloran]], bed 6",
    "MRN [[MEDICAL_RECORD_NUMBER|SLH 2209187]] - was the troponin repeated?",
    "pt [[PERSON|fatoumata diallo]] 42F, mrn# [[MEDICAL_RECORD_NUMBER|3390417]], what antibiotics did she get in ED",
    "need discharge summary for [[PERSON|VanderMeulen, Pieter]] admitted [[DATE_TIME|Oct 3rd]]",
    "any allergies documented for [[PERSON|Rosalind Achebe-Park]] ([[MEDICAL_RECORD_NUMBER|RAP-660172]])?",
    "[[MEDICAL_RECORD_NUMBER|88204-MCH]] pathology result?",
    "what was [[PERSON|tommy]]'s weight at the [[DATE_TIME|6/12]] visit",
    "Records for Mrs. [[PERSON|Lucretia Fenn]]? no wait, [[PERSON|Lucinda Fenn]], DOB [[DATE_TIME|4 July 1944]]",
    "hgb for [[PERSON|OKONJO, ADAEZE]] [[DATE_TIME|02/27/2024]]",
    "search: [[PERSON|Ibarra]] [[MEDICAL_RECORD_NUMBER|004417263]] TSH",
    "Show vitals for [[PERSON|Björn Ekström]] over the last 48 hours",
    "does [[PERSON|McAllister-Boyd, Fiona]] have a POLST on file",
    "pull eGFR trend, patient [[PERSON|Gustavo Ferreira da Silva]], record no. [[MEDICAL_RECORD_NUMBER|GF 7720 119]]",
    "list meds for [[PERSON|d'angelo rivers]] dob [[DATE_TIME|9.30.85]]",
    "[[PERSON|ANAYA, XOCHITL]] / [[MEDICAL_RECORD_NUMBER|MR-0044719]] / seen [[DATE_TIME|08-Jan-24]]",
    "pt id [[MEDICAL_RECORD_NUMBER|P30917744]] - blood type?",
    "any MRI brain for [[PERSON|Lev Abramowitz]] after [[DATE_TIME|March 14th]]?",
    "Was [[PERSON|Siobhan]] ([[MEDICAL_RECORD_NUMBER|1120-448-93]]) ever tested for HCV?",
    "find the op note, surgeon Dr. [[PERSON|Haruki Tanabe]], pt [[PERSON|Ortega]], date [[DATE_TIME|2024-05-07]]",
    "hx for [[PERSON|bo-ram yoon]] please, mrn [[MEDICAL_RECORD_NUMBER|20481937]]",
    # --- portal messages from patients
    "Hi this is [[PERSON|Marguerite Lindqvist]], my DOB is [[DATE_TIME|May 2, 1958]]. Can someone call me back at [[PHONE_NUMBER|(617)555-2094]] about my biopsy?",
    "hello dr [[PERSON|Osei]], my son [[PERSON|kwame]] still has fever 102.4 since yesterday, should I bring him in? my cell [[PHONE_NUMBER|404.555.7716]]",
    "I need a refill of my lisinopril 20mg, my pharmacy is Walgreens on [[STREET_ADDRESS|4410 Delancey Ave]]. - [[PERSON|Harold Beaumont]]",
    "can you email my results to [[EMAIL_ADDRESS|lena.voskresenskaya88@fernpost.net]] instead of mail",
    "my insurance changed, new policy # is [[HEALTH_PLAN_NUMBER|QMB-2207714-03]] with Humana. thanks, [[PERSON|Corliss]]",
    "This is [[PERSON|Abdi Warsame]]'s daughter. He is [[AGE|93]] and fell at home last night, is the clinic open tomorrow?",
    "Please update my address to [[STREET_ADDRESS|1187 Wexford Ln Apt 3C]], [[LOCATION|Bellingham]], WA [[ZIP_CODE|98226]]",
    "Why was I billed again for account [[ACCOUNT_NUMBER|00917734-2]]? I paid on [[DATE_TIME|Feb 3]]. [[PERSON|Delphine Arceneaux]]",
    "hi its [[PERSON|marcus]] , i missed my appt on [[DATE_TIME|the 19th]] can i reschedule? call [[PHONE_NUMBER|555 318 4420]]",
    "Dear Dr. [[PERSON|Feldstein]], my mother [[PERSON|Ruth Adelman]] ([[AGE|96]] y/o) needs a home health referral. Her MRN is [[MEDICAL_RECORD_NUMBER|RA00481]].",
    "I was seen at [[HOSPITAL|St. Joseph's]] ER on [[DATE_TIME|12/22/23]], can you get those records",
    "my daughter [[PERSON|Zainab]] was born [[DATE_TIME|08/15/2019]], does she need the MMR booster yet",
    "Please send my prescription to the CVS at [[STREET_ADDRESS|25 Orchard St]], [[LOCATION|Northampton]]. My phone is [[PHONE_NUMBER|+1 413 555 0937]].",
    "can i get my covid vax card reprinted, name [[PERSON|Teodora Bianchi]], dob [[DATE_TIME|1/5/90]]",
    "The pharmacist at [[HOSPITAL|Children's Mercy]] said to message you about [[PERSON|Liam]]'s dose",
    "Thank you! - [[PERSON|Gwendolyn Ashby-Rhodes]] ([[EMAIL_ADDRESS|gashbyrhodes@quailmail.org]])",
    "im [[PERSON|jose luis ramirez]] my member id is [[HEALTH_PLAN_NUMBER|JLR44190287]] do u take my plan",
    "hey can you fax my records to my new doc at [[PHONE_NUMBER|919-555-0472]], att: Dr. [[PERSON|Nakamura]]",
    # --- referrals and consults
    "Referral: [[PERSON|Cornelius Van Wyk]], [[DATE_TIME|6/30/1951]], to GI at [[HOSPITAL|UPMC Shadyside]] for dysphagia. Ins: Medicare [[HEALTH_PLAN_NUMBER|3TK7-WM2-RF48]]",
    "Please refer [[PERSON|Araceli Montoya]] to cardiology at [[HOSPITAL|Mercy]]; she can be reached at [[PHONE_NUMBER|(314) 555-7781 x204]]",
    "ref to derm - [[PERSON|lachlan o'neill]], dob [[DATE_TIME|2002-11-19]], changing nevus L shoulder",
    "Consult peds neuro for [[PERSON|Ximena Castillo]] (DOB [[DATE_TIME|Apr 9 '17]]), MRN [[MEDICAL_RECORD_NUMBER|CMH-7704512]]",
    "Send referral to Dr. [[PERSON|Ilona Varga]] at the [[HOSPITAL|VA]] in [[LOCATION|Palo Alto]], fax [[PHONE_NUMBER|650-555-0183]]",
    "Referring Mr. [[PERSON|Deshawn Pettiford]] to [[HOSPITAL|St. Luke's]] sleep lab, member ID [[HEALTH_PLAN_NUMBER|YHP830041927]]",
    "pls send ortho referral for [[PERSON|hannah kowalski]] to [[HOSPITAL|Mass Eye and Ear]], ph [[PHONE_NUMBER|617 555 1049]]",
    "Ref: [[PERSON|Amadou Sow]] to nephrology, [[HOSPITAL|Northwestern Memorial]], Cr 2.8, DOB [[DATE_TIME|07/07/1968]]",
    "Transfer request: [[PERSON|Jolene Whitfield]], [[AGE|91]]F, from [[HOSPITAL|Good Shepherd]] to [[HOSPITAL|Baylor Scott & White]], acct [[ACCOUNT_NUMBER|BSW-00728814]]",
    "referral for PT, [[PERSON|Nikolaos Papadakis]], [[STREET_ADDRESS|77 Birchmont Dr]], [[LOCATION|Stamford]], CT [[ZIP_CODE|06902]]",
    # --- scheduling
    "schedule [[PERSON|Quentin Marsh]] for f/u on [[DATE_TIME|June 3rd]] at 2pm, call [[PHONE_NUMBER|555-240-1187]] to confirm",
    "book echo for [[PERSON|PHAM, LINH]] next week, DOB [[DATE_TIME|19-Aug-1957]]",
    "Can you move [[PERSON|Beatriz]]'s appt from [[DATE_TIME|Tuesday]] to [[DATE_TIME|Thursday 4/18]]?",
    "Add [[PERSON|Rashid Al-Mansouri]] to the [[DATE_TIME|Jan 9]] colonoscopy list, prep instructions to [[EMAIL_ADDRESS|rashid.almansouri@inboxly.com]]",
    "cancel [[PERSON|greta halvorsen]]'s 9:30 tomorrow, she called from [[PHONE_NUMBER|2075550164]]",
    "new pt visit for [[PERSON|Oluwaseun Adebayo-Clarke]], referred by [[HOSPITAL|Cedars-Sinai]], dob [[DATE_TIME|12.01.1983]]",
    "reschedule MRI for pt [[PERSON|Kessler]], acct# [[ACCOUNT_NUMBER|7730019284]], to [[DATE_TIME|the 22nd]]",
    "Please schedule [[PERSON|Yusuf]] and his wife [[PERSON|Amina Haddad]] for flu shots [[DATE_TIME|Friday]]",
    "[[PERSON|Camille Dufresne]] wants an earlier slot than [[DATE_TIME|3/28]], reachable at [[PHONE_NUMBER|+1-207-555-0391]]",
    "put [[PERSON|O'Shaughnessy, Declan]] on the wait list for derm, phone [[PHONE_NUMBER|(802) 555 0126]]",
    # --- insurance and billing calls
    "BCBS called about claim [[OTHER_ID|CLM-7720418836]] for [[PERSON|Winifred Gallo]], dos [[DATE_TIME|11/29/2023]]",
    "verify coverage: [[PERSON|Marisela Quiroz]], subscriber # [[HEALTH_PLAN_NUMBER|XEH 447 819 220]], group [[HEALTH_PLAN_NUMBER|0092117]]",
    "Medicaid ID [[HEALTH_PLAN_NUMBER|TX40918827]] for [[PERSON|Jayden Broussard]] shows inactive as of [[DATE_TIME|1/31/24]]",
    "HICN [[HEALTH_PLAN_NUMBER|402881937A]], pt [[PERSON|Eleanor Pruitt]], need ABN signed",
    "patient says her social is [[US_SSN|904-18-3327]] but registration has [[US_SSN|904-18-3372]], which is right? [[PERSON|Glenda Ruhl]]",
    "Does [[PERSON|Moreno, Lucia]] have secondary coverage? Policy [[HEALTH_PLAN_NUMBER|ANT-55120938]], Anthem",
    "card on file ending [[ACCOUNT_NUMBER|4471]] declined for [[PERSON|Kofi Mensah]], please call [[PHONE_NUMBER|312.555.0178]]",
    "UHC denied auth [[OTHER_ID|A2024-118837]] for [[PERSON|Hollis Drummond]]'s knee MRI",
    "ssn [[US_SSN|223445566]] mbi [[HEALTH_PLAN_NUMBER|5QF2HJ8MM41]] pt [[PERSON|tatum reyes]]",
    "guarantor [[PERSON|Edwin Saltonstall]], account no. [[ACCOUNT_NUMBER|G-004418271]], balance $1,240",
    "EOB for [[PERSON|Priscilla Nakashima]], claim number [[OTHER_ID|23117-004418]], member [[HEALTH_PLAN_NUMBER|MOL9920418]]",
    "Tricare sponsor SSN [[US_SSN|071 88 4402]] for dependent [[PERSON|Aubree Lindgren]]",
    "Kaiser member # [[HEALTH_PLAN_NUMBER|0001182274]] - [[PERSON|Vo, Thanh]] - copay question",
    "SS# [[US_SSN|650-21-0897]], [[PERSON|Reginald Okwuosa]], pls verify before billing",
    "need eligibility for policy [[HEALTH_PLAN_NUMBER|11920437]], insured [[PERSON|Catalina Ruiz-Espinoza]], DOB [[DATE_TIME|28-Feb-1971]]",
    "billing acct [[ACCOUNT_NUMBER|440-118-2937]] for ms. [[PERSON|eberhardt]] was sent to collections by mistake",
    "Cigna ID [[HEALTH_PLAN_NUMBER|U88104471 02]] / grp [[HEALTH_PLAN_NUMBER|3330871]] / [[PERSON|Bernadette Kiely]]",
    # --- pharmacy, labs and records
    "pharmacy at [[PHONE_NUMBER|555.441.0923 ext 12]] asking about [[PERSON|Dmitri Volkov]]'s oxycodone rx, DEA on script [[LICENSE_NUMBER|AV4418206]]",
    "lab called critical K 6.8 on [[PERSON|Florence Ndiaye]], [[MEDICAL_RECORD_NUMBER|MRN0072219]]",
    "ROI request from attorney for [[PERSON|Augustin Lemaire]], dates of service [[DATE_TIME|01/2023]] to [[DATE_TIME|06/2023]]",
    "Accession [[OTHER_ID|SP24-08812]] belongs to [[PERSON|Norah Quinlivan]] not [[PERSON|Nora Quinlan]] - please fix",
    "send records to [[HOSPITAL|Johns Hopkins Bayview]], attn HIM, re: [[PERSON|Tobias Wrenfield]] [[MEDICAL_RECORD_NUMBER|TW5590218]]",
    "outside records from [[HOSPITAL|Mt. Auburn]] for [[PERSON|Sunita Bhattacharya]] arrived, enc [[OTHER_ID|E77120945]]",
    "Rx for [[PERSON|ELLIS, MAVIS]] - Eliquis 5mg bid #60, prescriber NPI [[LICENSE_NUMBER|1629048817]]",
    "pls fax the MAR for [[PERSON|Horace Whitaker]] to [[HOSPITAL|Sunrise Manor]] at [[PHONE_NUMBER|(520) 555-0144]]",
    # --- clinician questions with identifiers inline
    "Mr. [[PERSON|Greenbaum]] is a [[AGE|102]] yo with afib on apixaban 2.5 bid, any interaction with diltiazem?",
    "my pt [[PERSON|Ayesha Siddiqui]] (DOB [[DATE_TIME|2/14/1992]]) is 28 wks pregnant, safe to give Tdap?",
    "[[PERSON|L. Moreau]], [[AGE|90]] years old, CrCl 25 - dose of enoxaparin?",
    "pt [[PERSON|harrington]] at [[HOSPITAL|Brigham]] had a reaction to vanc, is it red man or anaphylaxis?",
    "can Mrs. [[PERSON|Kaplan-Reyes]] restart metformin after contrast CT on [[DATE_TIME|the 5th]]?",
    "Is [[PERSON|Brenda]] at [[STREET_ADDRESS|18 Pell St]] eligible for home O2 with SpO2 87% on RA?",
    "[[PERSON|emeka]] from [[HOSPITAL|Grady]] wants to know if we can take a transfer tonight",
    "[[PERSON|ANDERSEN, KJELL]] [[AGE|94]]M CHF, NYHA III - should we stop the spironolactone with K 5.4?",
    "spoke with wife [[PERSON|marta]] at [[PHONE_NUMBER|555-0162]], she agrees with hospice",
    "Dr [[PERSON|Achterberg]] asks: did [[PERSON|Wilhelmina Stroud]] get her Prolia on [[DATE_TIME|Sept 12]]?",
    "pt lives at [[STREET_ADDRESS|302 Cormorant Way]], [[LOCATION|Port Townsend]], needs transport to dialysis MWF",
    "[[PERSON|Caoimhe Ní Dhomhnaill]] called re: her mammogram at [[HOSPITAL|St. Vincent's]]",
    "husband [[PERSON|Rocco]] ([[PHONE_NUMBER|(718)555-4402]]) is the HCP for [[PERSON|Gina Esposito]]",
    "What dose of vit D for [[PERSON|Hamid Rezaei]], 25-OH D 14 on [[DATE_TIME|11/8]]?",
    "Pt [[PERSON|Keanu Kahale]] from [[LOCATION|Hilo]] wants his records sent to [[HOSPITAL|Queen's]]",
    "F/u w Dr. [[PERSON|Oyelowo-Grant]] re [[PERSON|Petra Novakova]]'s thyroid US from [[DATE_TIME|Dec 1]]",
    "[[PERSON|Huang Mei-Ling]] MRN [[MEDICAL_RECORD_NUMBER|H-00419982]] - interpreter Mandarin needed",
    "DL [[LICENSE_NUMBER|S530-4471-9982]] presented by [[PERSON|Sterling Oakes]] at check-in, photo did not match",
    "[[PERSON|Renée Thibodeaux]] d/c'd from [[HOSPITAL|Ochsner]] [[DATE_TIME|10/14/23]], needs TCM call",
    "pt [[PERSON|tran]], visit # [[OTHER_ID|V20240419-03]], left AMA",
    "Is [[PERSON|Carver]]'s case no. [[OTHER_ID|WC-2023-88172]] workers comp or private?",
    "text from [[PERSON|yolanda]]: running late, at [[HOSPITAL|Parkland]] parking garage",
    "Pt's email is [[EMAIL_ADDRESS|h.bergstrom@northwind-mail.com]], prefers no voicemail",
    "DOB [[DATE_TIME|1948-03-22]], SSN [[US_SSN|512-77-0419]], name [[PERSON|Mildred Oyama]]: duplicate chart?",
    "merge charts [[MEDICAL_RECORD_NUMBER|55018823]] and [[MEDICAL_RECORD_NUMBER|55018832]] for [[PERSON|Sebastián Ortiz]]",
    "Ms. [[PERSON|Threlkeld]] asks if she can take ibuprofen with her Xarelto",
    "Chart # [[MEDICAL_RECORD_NUMBER|CH 44-19-302]] [[PERSON|Benedetto, Aurelio]] - needs PCP assigned",
    "acct [[ACCOUNT_NUMBER|AC88201734]] / [[PERSON|Solveig Andersson]] / [[DATE_TIME|4-22-24]] / self pay",
    "Dr. [[PERSON|Abernathy]] wants Mrs. [[PERSON|Okafor-Hale]] admitted to [[HOSPITAL|Mercy West]] tonight",
    "message from [[PERSON|DeShawn]] at [[PHONE_NUMBER|1 (803) 555-2281]]: sugar 380 what do i do",
    "Are we allowed to release [[PERSON|Niamh Gallagher]]'s records to her ex, [[PERSON|Fergus]]?",
    "pt [[PERSON|Arvid Sundqvist]], [[STREET_ADDRESS|PO Box 8821]], [[LOCATION|Ketchikan]] AK [[ZIP_CODE|99901-8821]], mail the results",
    "labs on [[PERSON|Juniper Hale]] from [[HOSPITAL|Kaiser Oakland]] [[DATE_TIME|last Friday]]?",
    "[[PERSON|MARTÍNEZ DE LEÓN, ROSARIO]] [[MEDICAL_RECORD_NUMBER|90882174]] [[DATE_TIME|03/03/1939]] [[AGE|95]]F",
    "ICU bed 12 [[PERSON|Eamon Fitzgibbon]], wife's number [[PHONE_NUMBER|774-555-0139]], MRN [[MEDICAL_RECORD_NUMBER|000-774-219]]",
    "subscriber [[PERSON|Harlan Pike]], member [[HEALTH_PLAN_NUMBER|HP-0044-7712]], dependent [[PERSON|Odessa Pike]]",
    "reach [[PERSON|Tomasz]] at [[EMAIL_ADDRESS|tomasz.wieczorek@posthaven-mail.pl]] or [[PHONE_NUMBER|+48 601 555 019]]",
    # --- PII-free clinical questions (nothing to label)
    "max dose of Lasix 40mg bid in CKD stage 4?",
    "CBC w diff normal ranges for a 6 year old",
    "ICD-10 code for type 2 diabetes without complications, E11.9 or E11.65?",
    "Is NCT01234567 still recruiting for Hodgkin lymphoma?",
    "what is the BRCA1 penetrance for ovarian cancer by age 70",
    "Parkinson's disease: carbidopa-levodopa 25/100 tid vs ER formulation",
    "difference between Crohn's and ulcerative colitis on colonoscopy",
    "renal dosing for vancomycin with CrCl 30-50 mL/min",
    "normal TSH range 0.4-4.0 mIU/L - when to treat subclinical hypothyroid",
    "HbA1c 7.8% on metformin 1000 mg BID, add Jardiance or Ozempic?",
    "Wells score for DVT - what does a score of 2 mean",
    "K 3.1, Mg 1.4 - replete mag first?",
    "Guillain-Barré after Shingrix, how common",
    "CPT 99214 vs 99215 documentation requirements",
    "interpretation of JAK2 V617F positive with Hgb 17.8",
    "Apgar 8/9 at 1 and 5 minutes, any follow up needed",
    "Warfarin INR goal 2.0-3.0 for mechanical mitral valve?",
    "what does Kaposi sarcoma look like on the foot",
    "Cushing's vs pseudo-Cushing's: best screening test",
    "BP 148/92 on amlodipine 10 mg, next step per JNC 8",
    "Does Medicare Part D cover Shingrix in 2024?",
    "Hashimoto's with TPO Ab 340 IU/mL and normal TSH - treat?",
    "C. difficile recurrence after fidaxomicin - bezlotoxumab?",
    "Barrett's esophagus surveillance interval with no dysplasia",
    "LDL 190 mg/dL, start rosuvastatin 20 or refer for FH (LDLR, APOB, PCSK9)?",
    "CHA2DS2-VASc 3 in a 72 yo woman, anticoagulate?",
    "QTc 510 ms on ondansetron 4 mg IV q8h - switch to what",
    "EGFR exon 19 deletion NSCLC first line osimertinib 80 mg daily",
    "Glasgow Coma Scale 9, intubate?",
    "Addison's disease stress dosing hydrocortisone 50 mg IV q6h",
    "What's the turnaround for a Lyme disease Western blot at Quest?",
    "Down syndrome: TSH screening schedule in the first year",
    "Hep B surface Ab 8 mIU/mL after 3 doses - revaccinate?",
    "PSA 4.6 ng/mL, free PSA 12% - biopsy?",
    "Can you explain the Mayo score for UC",
]


def main() -> None:
    import json
    import sys
    from collections import Counter
    from pathlib import Path

    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    sys.dont_write_bytecode = True
    from make_clinical import parse_marked  # noqa: E402  (sibling module: the same labeling as the other sets)

    data = [parse_marked(s) for s in QUERIES]
    for rec in data:
        for s in rec["spans"]:
            assert rec["full_text"][s["start_position"]:s["end_position"]] == s["entity_value"]
    (here / "clinical_queries.json").write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    c = Counter(s["entity_type"] for r in data for s in r["spans"])
    print(f"clinical_queries.json: {len(data)} texts, {sum(c.values())} spans: " + ", ".join(f"{k} {v}" for k, v in c.most_common()))


if __name__ == "__main__":
    main()
