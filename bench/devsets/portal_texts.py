"""Hand-written synthetic clinical *portal / search / dictation / structured* texts for clinical_portal.json;
spans marked inline as [[TYPE|value]].

A further independent first-look set in the style of the held-out data ("~1,000 synthetic clinical queries with
~3,000 labeled PHI spans", LLM-generated). 220 records written in one sitting by someone who had not read the
gate's rules, its policies, its tests or the other dev sets' texts. 191 records carry PHI (629 spans, about
3.3 each); 29 carry none but are dense with what a redactor must keep (eponymous diseases and signs, drugs
and doses, lab values with units and ranges, ICD-10 and CPT codes, gene symbols and HGVS variants, NCT ids, organisms, scales, US states and
countries, blood pressures, pH, confidence intervals and p-values).

The emphasis is on the untidy shapes: patient-portal messages and chatbot questions typed by patients and
relatives (lower case, typos, 'my mom', 'my husbands ssn is ...'); terse EHR search-box queries ('mrn 00412298
a1c trend'); voice-dictation transcripts with spoken numbers and dates ('date of birth march third nineteen
fifty two', 'social is 4 1 2 dash ...', labeled as their type); structured snippets (JSON-ish, CSV rows under a
header line, HL7-like pipes, FHIR-ish key/value, email headers and signatures, fax cover sheets). SSNs come
dashed, spaced, plain nine digits and spoken; MRNs as pure digits with and without leading zeros, letters plus
digits, with spaces or dashes, after 'chart', 'record', 'acct', 'hosp #', 'EMR id', 'patient id' or with no
label right after a name; health plan ids with and without payer names, MBIs, Medicaid ids, group numbers.
Names come from many origins, include ones that are also common words (Rose, Hunter, Faith, Will, Young, King,
Black), 'LAST, FIRST', all caps, initials, and names that appear only in an e-mail address or a signature.

Labeling conventions: titles (Dr., Mr., Mrs., RN, MD) are outside the PERSON span; a label word ('MRN', 'SSN',
'DOB', 'member ID') is never inside a span, but a site or plan prefix written as part of the id is
('UCH-0041187'); a payer name written before the id is not. States and countries are never labeled; cities,
towns, neighbourhoods and counties are LOCATION; a facility is HOSPITAL; a street address is STREET_ADDRESS
(street line, with any apartment/unit), its ZIP code ZIP_CODE. Bare years, times of day alone, durations and
relative days ('yesterday', '3 days ago') are not labeled; a time written with its date is part of the
DATE_TIME span, as is a weekday written with its date; a month-year ('Mar 24') is DATE_TIME. AGE only for ages
over 89 (the number only). 'last 4' digits and masked SSNs ('xxx-xx-1234') are not labeled. Fax numbers are
PHONE_NUMBER; NPI, DEA and state licence numbers are LICENSE_NUMBER; claim, encounter, auth, accession and
account numbers are OTHER_ID; implant/device serials DEVICE_ID; plates and VINs VEHICLE_ID; card numbers
CREDIT_CARD; bank account numbers BANK_ACCOUNT. A spoken value ('four one two dash ...') carries its type.
Every person, number and address is invented.

    python bench/devsets/portal_texts.py     # writes clinical_portal.json beside this file
"""


TEXTS = [
    # --- patient-portal messages and chatbot questions from patients and relatives
    "hi my mom [[PERSON|rose delacruz]] was seen at [[HOSPITAL|mercy west]] on [[DATE_TIME|3/14]] and nobody called back about her potassium. her dob is [[DATE_TIME|6/2/41]], pls call me at [[PHONE_NUMBER|555-201-8874]]",
    "my husbands ssn is [[SSN|512 44 9087]] the billing lady said i need it for the claim form, his name is [[PERSON|Will Hunter]]",
    "Hello, I am trying to refill my metformin but the pharmacy says my member id is wrong. It should be [[HEALTH_PLAN_NUMBER|XKH884021937]] (Anthem). Thanks, [[PERSON|Faith Young]]",
    "can someone tell dr [[PERSON|patel]] that my dad [[PERSON|Earl King]] fell again last night. hes [[AGE|94]] and lives alone at [[STREET_ADDRESS|88 quarry rd]] in [[LOCATION|millbury]]",
    "i need my records sent to my new doctor in [[LOCATION|Tucson]]. my chart number is [[MEDICAL_RECORD_NUMBER|0078812]] and my birthday is [[DATE_TIME|april 9 1987]]",
    "this is [[PERSON|Gloria Black]], my son [[PERSON|Jaylen]] has an asthma appt on [[DATE_TIME|tuesday the 12th]] but we moved to [[STREET_ADDRESS|4410 n harlem ave apt 2r]] [[LOCATION|chicago]] [[ZIP_CODE|60656]] can u update",
    "my daughter [[PERSON|Nevaeh]] (dob [[DATE_TIME|01/17/2019]]) needs her school form signed, fax it to [[PHONE_NUMBER|(555) 310-4472]] attn nurse [[PERSON|Brenda]]",
    "im locked out of the portal. username is [[EMAIL_ADDRESS|jk.mahoney77@gmail.com]] and my mrn is [[MEDICAL_RECORD_NUMBER|E4410239]] i think??",
    "why was i charged twice?? acct [[OTHER_ID|400921877]]. card ending 4417 got hit for $85 both times, please refund to that card",
    "my grandma turns [[AGE|101]] on [[DATE_TIME|june 3rd]] and the nursing home in [[LOCATION|Bayonne]] wants her medicare number, its [[HEALTH_PLAN_NUMBER|5TG9-QE2-MK71]]",
    "do i need to fast before my blood work on [[DATE_TIME|friday 3/22 at 7:45am]]? - [[PERSON|Tran Van Minh]]",
    "hey its [[PERSON|Hunter]] again. the lab at [[HOSPITAL|St. Elsewhere Regional]] lost my urine sample from [[DATE_TIME|3/4]]?? do i have to come back",
    "my wife [[PERSON|Oluwaseun Adeyemi-Clarke]] is pregnant 32 wks and her ob dr [[PERSON|Haldane]] is out. her medicaid # [[HEALTH_PLAN_NUMBER|NJ 31 884 0927]] if u need it",
    "Please cancel my appointment for [[DATE_TIME|the 3rd of March]]. I will be in [[LOCATION|Guadalajara]] visiting family. [[PERSON|Guadalupe Ortiz]] [[PHONE_NUMBER|555-867-0192]]",
    "question about my bill - statement says guarantor [[PERSON|KOWALCZYK, STANLEY]] but thats my ex. account [[OTHER_ID|G-7730415]]",
    "my brother [[PERSON|Rajesh]] is in the icu at [[HOSPITAL|UPMC]] since [[DATE_TIME|Sunday Feb 4]] and i am the health care proxy. his date of birth is [[DATE_TIME|11-30-1962]]",
    "hi, i tried to pay online with [[CREDIT_CARD|5425 2334 3010 9903]] and it said declined. invoice [[OTHER_ID|INV-20931]]",
    "i got a letter saying my social [[SSN|078-61-2240]] was part of a data breach?? is that from yall",
    "Can Dr. [[PERSON|Mei-Ling Cho]] call me back re: my thyroid results. best number [[PHONE_NUMBER|555.442.1908]], after 5 pm is fine",
    "my mothers name is [[PERSON|Siobhan O'Brien]] she is [[AGE|92]] with dementia, she was brought to [[HOSPITAL|Good Sam]] ER on [[DATE_TIME|10/02/2023 at 11pm]] and i still have no update",
    "for direct deposit of my refund: routing 011000015, account [[BANK_ACCOUNT|004417729013]] - [[PERSON|Dolores Ruiz]]",
    "how do i add my newborn to my plan? baby [[PERSON|Amara]] born [[DATE_TIME|8/19/24]], my subscriber id [[HEALTH_PLAN_NUMBER|W27718830401]] group [[HEALTH_PLAN_NUMBER|00718842]]",
    "my pacemaker beeped twice last night is that normal?? the card says serial [[DEVICE_ID|PJN604118S]]",
    "Is it ok to take ibuprofen with lisinopril 10 mg? Asking for my dad [[PERSON|Hiroshi Tanabe]], he is [[AGE|90]].",
    "parking ticket from your garage on [[DATE_TIME|jan 9]], plate [[VEHICLE_ID|7KDR219]], i was in the ER!! please void",
    "i moved, new address is [[STREET_ADDRESS|17 Birchwood Ct, Unit 5]], [[LOCATION|Cedar Falls]], IA [[ZIP_CODE|50613]]. my mrn [[MEDICAL_RECORD_NUMBER|22019874]]",
    "my son [[PERSON|ibrahim diallo]] dob [[DATE_TIME|2/29/2016]] had a fever of 103 since yesterday, should we go to [[HOSPITAL|CHOP]] or urgent care",
    "who do i talk to about a records request? need everything from [[DATE_TIME|Mar 2019]] to [[DATE_TIME|Jan 2021]] for my lawyer. [[PERSON|Anh Pham]] dob [[DATE_TIME|9.14.1975]]",
    "hello I'm [[PERSON|Zanele Dlamini]], I had surgery in [[LOCATION|Johannesburg]] and want my new doctor to see the notes, email is [[EMAIL_ADDRESS|zdlamini.home@outlook.com]]",
    "my dad got a call from someone saying theyre from medicare and asked for his number [[HEALTH_PLAN_NUMBER|2NQ7TY3HU41]], he gave it. what do we do",
    "i need a note for work for [[DATE_TIME|5/6]] thru [[DATE_TIME|5/10]], my employer fax is [[PHONE_NUMBER|555-730-2201]]. thx [[PERSON|Rose]]",
    "can my sister pick up my rx? her name is [[PERSON|Faith Okonkwo]] and mine is [[PERSON|Grace Okonkwo]], we both live at [[STREET_ADDRESS|2291 Sawmill Pkwy]]",
    "chat bot: whats my copay for an mri? my insurance is aetna id [[HEALTH_PLAN_NUMBER|W184429937]]",
    "my mom [[PERSON|young-soon park]] needs a korean interpreter for her appt on [[DATE_TIME|april 2nd at 10]]. her hosp # is [[MEDICAL_RECORD_NUMBER|611-0932]]",
    "hey doc, i saw on the portal my psa went from 4.1 to 6.8?? should i worry. [[PERSON|Bogdan Petrescu]]",
    "Re: my ssn on file is wrong. it says xxx-xx-4471 but should be [[SSN|218-90-4471]]. Thank you, [[PERSON|Lorraine Whitfield]]",
    "my fiance [[PERSON|Aroha Ngata]] is visiting from [[LOCATION|Rotorua]] and got sick, can she be seen without US insurance",
    "I'm [[PERSON|Tariq Al-Hashimi]]'s daughter. He was discharged from [[HOSPITAL|Lakeview Behavioral Health]] on [[DATE_TIME|Feb 2nd]] without his meds.",
    "whats the fax for medical records? i need to send my release for [[PERSON|Carmen Villaseñor]] (dob [[DATE_TIME|7/7/58]], mrn [[MEDICAL_RECORD_NUMBER|MV00318842]])",
    "hi my glucose monitor (dexcom g7, sn [[DEVICE_ID|7G2AK19QX3]]) keeps losing signal, can i get a replacement",
    # --- EHR search-box queries (terse)
    "mrn [[MEDICAL_RECORD_NUMBER|00412298]] a1c trend",
    "[[PERSON|delgado, maria]] last inr",
    "pt [[MEDICAL_RECORD_NUMBER|7730194]] cxr [[DATE_TIME|2024-03-03T14:22]]",
    "find [[PERSON|KING, ROSE A]] dob [[DATE_TIME|031552]]",
    "chart [[MEDICAL_RECORD_NUMBER|A0093317]] echo ef",
    "[[PERSON|jonah whitcomb]] [[MEDICAL_RECORD_NUMBER|881207]] cr/bun last 3",
    "all notes [[PERSON|nguyen thi lan]] [[HOSPITAL|BIDMC]] [[DATE_TIME|Mar 24]]",
    "emr id [[MEDICAL_RECORD_NUMBER|UCH-0041187]] meds list",
    "acct [[OTHER_ID|55120034]] denials",
    "ssn [[SSN|402118873]] lookup",
    "[[PERSON|R. Venkataraman]] tsh ft4 since [[DATE_TIME|jan 2023]]",
    "patient id [[MEDICAL_RECORD_NUMBER|10 44 7832]] allergies",
    "record [[MEDICAL_RECORD_NUMBER|220941]] ct head [[DATE_TIME|11/02/23]]",
    "pcp for [[PERSON|Will Young]] [[DATE_TIME|4/4/71]]",
    "encounters [[PERSON|BLACK, HUNTER J]] [[HOSPITAL|Mercy West]] ed",
    "claim [[OTHER_ID|CLM0098821334]] status",
    "[[MEDICAL_RECORD_NUMBER|000318442]] hgb",
    "auth [[OTHER_ID|PA-44018-B]] mri lumbar [[PERSON|okafor]]",
    "labs [[PERSON|tanaka y]] [[DATE_TIME|03-MAR-1952]]",
    "npi [[LICENSE_NUMBER|1538294017]] referral list",
    "hosp # [[MEDICAL_RECORD_NUMBER|HM 440-218]] discharge summary",
    "member [[HEALTH_PLAN_NUMBER|ZGP902218841]] elig",
    "[[PERSON|petrov]] [[MEDICAL_RECORD_NUMBER|3318220]] path report accession [[OTHER_ID|S24-11873]]",
    "who ordered the mri on [[PERSON|Faith Mbeki]] [[DATE_TIME|2/12]]",
    "dx list [[PERSON|o'neill, p]] [[MEDICAL_RECORD_NUMBER|MRN00920117]]",
    "vitals trend [[MEDICAL_RECORD_NUMBER|88-40-1193]] last 48h",
    "[[PERSON|Ximena Quispe]] [[DATE_TIME|12/1/1999]] [[PHONE_NUMBER|555-908-3312]] duplicate?",
    # --- voice-dictation transcripts
    "this is doctor [[PERSON|amara osei]] dictating on patient [[PERSON|leonard fisk]] date of birth [[DATE_TIME|march third nineteen fifty two]] medical record number [[MEDICAL_RECORD_NUMBER|four four one two two nine eight]] period he presents with worsening dyspnea",
    "patient name [[PERSON|rosa marchetti]] spelled [[PERSON|m a r c h e t t i]] social is [[SSN|4 1 2 dash 7 7 dash 0 9 3 1]] she was seen today for follow up of her copd",
    "okay next patient mister [[PERSON|william young]] comma uh date of service [[DATE_TIME|april twelfth twenty twenty four]] new paragraph chief complaint chest pain",
    "dictation for [[PERSON|hassan farouk]] [[PERSON|f a r o u k]] chart [[MEDICAL_RECORD_NUMBER|zero zero seven one one four eight]] he is a [[AGE|ninety one]] year old gentleman admitted from [[LOCATION|scarborough]] with sepsis",
    "cc to doctor [[PERSON|ellen brightwater]] at [[HOSPITAL|providence saint vincent]] fax [[PHONE_NUMBER|five five five two two one zero nine eight eight]] end of dictation",
    "uh the patient's daughter [[PERSON|kim]] can be reached at [[PHONE_NUMBER|five five five eight one two three three four zero]] she lives in [[LOCATION|the bronx]]",
    "operative note patient [[PERSON|deshawn rivers]] date of surgery [[DATE_TIME|the fourteenth of november]] implant was a zimmer knee serial number [[DEVICE_ID|z k seven seven four one nine two]]",
    "discharge summary dictated by [[PERSON|priya raman]] M D patient [[PERSON|theodore blackwood]] admitted [[DATE_TIME|january ninth]] discharged [[DATE_TIME|january fifteenth]] to [[HOSPITAL|willow creek rehab]]",
    "his medicare number is [[HEALTH_PLAN_NUMBER|one e g four t e five m k seven three]] and secondary is tricare",
    "patient is a [[AGE|ninety eight]] year old female from [[LOCATION|lake county]] d o b [[DATE_TIME|may fifth nineteen twenty six]] social [[SSN|three one two four four eight eight one nine]]",
    "comma the wife [[PERSON|june]] says he has been confused since [[DATE_TIME|saturday the second]] period",
    "referring physician doctor [[PERSON|ng]] [[PERSON|N G]] n p i [[LICENSE_NUMBER|one two eight four five five one nine three zero]]",
    # --- structured snippets: JSON-ish, CSV, HL7-like, FHIR-ish, e-mail, fax covers
    '{"patient": "[[PERSON|Jane Doerfler]]", "mrn": "[[MEDICAL_RECORD_NUMBER|00412298]]", "dob": "[[DATE_TIME|1952-03-03]]", "a1c": 8.2}',
    '{"name":"[[PERSON|HUNTER, ROSE]]","ssn":"[[SSN|533-02-7716]]","phone":"[[PHONE_NUMBER|+1 555 019 4420]]","plan":{"payer":"Cigna","member_id":"[[HEALTH_PLAN_NUMBER|U8830021904]]"}}',
    "{'pt_id': '[[MEDICAL_RECORD_NUMBER|K-88120]]', 'visit': '[[DATE_TIME|2023-11-30 08:15]]', 'provider': 'Dr. [[PERSON|Lindqvist]]', 'dx': 'I10'}",
    '{"encounter_id": "[[OTHER_ID|ENC-20240311-0093]]", "facility": "[[HOSPITAL|Our Lady of the Lakes]]", "attending_npi": "[[LICENSE_NUMBER|1093817264]]"}',
    '{\n  "resourceType": "Patient",\n  "identifier": [{"system": "urn:oid:2.16.840.1.113883.4.1", "value": "[[SSN|219-44-0981]]"}, {"type": "MR", "value": "[[MEDICAL_RECORD_NUMBER|OHSU7710293]]"}],\n  "name": [{"family": "[[PERSON|Abernathy]]", "given": ["[[PERSON|Clementine]]"]}],\n  "birthDate": "[[DATE_TIME|1931-08-22]]",\n  "address": [{"line": ["[[STREET_ADDRESS|4 Larkspur Ln]]"], "city": "[[LOCATION|Beaverton]]", "state": "OR", "postalCode": "[[ZIP_CODE|97005]]"}]\n}',
    "Patient.name.family = [[PERSON|OKAFOR]]\nPatient.name.given = [[PERSON|CHIDI]]\nPatient.birthDate = [[DATE_TIME|1968-12-01]]\nPatient.telecom.value = [[PHONE_NUMBER|555-662-0148]]\nCoverage.subscriberId = [[HEALTH_PLAN_NUMBER|HUM44019283A]]",
    "Observation.subject: Patient/[[MEDICAL_RECORD_NUMBER|pat-00771842]]\nObservation.code: LOINC 2345-7 Glucose\nObservation.valueQuantity: 212 mg/dL\nObservation.effectiveDateTime: [[DATE_TIME|2024-05-09T06:40:00-04:00]]",
    "PID|1||[[MEDICAL_RECORD_NUMBER|00412298]]^^^[[HOSPITAL|UCH]]^MR||[[PERSON|DOE^JANE^M]]||[[DATE_TIME|19520303]]|F|||[[STREET_ADDRESS|12 ELM ST]]^^[[LOCATION|SPRINGFIELD]]^IL^[[ZIP_CODE|62704]]||[[PHONE_NUMBER|(555)555-0132]]|||||[[OTHER_ID|ACCT90021]]|[[SSN|318-55-2090]]",
    "MSH|^~\\&|LAB|[[HOSPITAL|MGH]]|EHR|[[HOSPITAL|MGH]]|[[DATE_TIME|202403031422]]||ORU^R01|MSG00041|P|2.5\nPID|1||[[MEDICAL_RECORD_NUMBER|5521874]]^^^[[HOSPITAL|MGH]]^MR||[[PERSON|RAMIREZ^LUIS^A]]||[[DATE_TIME|19470615]]|M\nOBX|1|NM|2823-3^Potassium||5.9|mmol/L|3.5-5.1|H",
    "PV1|1|I|4W^412^B|||||[[LICENSE_NUMBER|1982736450]]^[[PERSON|FENWICK^ALMA]]^^^^MD|||||||||||[[OTHER_ID|V000881273]]",
    "IN1|1|BCBSIL|00621|BLUE CROSS IL||||GRP [[HEALTH_PLAN_NUMBER|P88201]]|||||||[[PERSON|VASQUEZ^TERESA]]|SEL|[[DATE_TIME|19800229]]|||||||||||||||||[[HEALTH_PLAN_NUMBER|XOJ700219934]]",
    "NK1|1|[[PERSON|BAPTISTE^MARIE-CLAIRE]]|DAU|[[STREET_ADDRESS|221 RUE DUPONT]]^^[[LOCATION|MONTREAL]]^QC^[[ZIP_CODE|H2X 1Y4]]^CAN|[[PHONE_NUMBER|514-555-0199]]",
    "name,dob,mrn,phone\n[[PERSON|Rose Abbott]],[[DATE_TIME|3/3/52]],[[MEDICAL_RECORD_NUMBER|41220983]],[[PHONE_NUMBER|555-210-4455]]\n[[PERSON|Young Kim]],[[DATE_TIME|11/19/40]],[[MEDICAL_RECORD_NUMBER|41220984]],[[PHONE_NUMBER|555-210-9901]]",
    "last,first,ssn,member_id,group\n[[PERSON|Faulkner]],[[PERSON|Hunter]],[[SSN|611203348]],[[HEALTH_PLAN_NUMBER|YHF220019384]],[[HEALTH_PLAN_NUMBER|G-004412]]",
    "patient_id;admit_dt;disch_dt;facility;city\n[[MEDICAL_RECORD_NUMBER|PX-0091273]];[[DATE_TIME|2024-01-04]];[[DATE_TIME|2024-01-09]];[[HOSPITAL|Harborview]];[[LOCATION|Seattle]]\n[[MEDICAL_RECORD_NUMBER|PX-0091288]];[[DATE_TIME|2024-01-05]];[[DATE_TIME|2024-01-05]];[[HOSPITAL|Harborview]];[[LOCATION|Renton]]",
    "claim_no,svc_date,cpt,billed,npi\n[[OTHER_ID|7720019834]],[[DATE_TIME|02/14/2024]],99214,245.00,[[LICENSE_NUMBER|1447290381]]",
    "device_sn,implant_date,patient\n[[DEVICE_ID|MDT-RNF334102H]],[[DATE_TIME|2022-06-30]],[[PERSON|Black, Winston]]",
    "From: [[PERSON|Lucia Fernández]] <[[EMAIL_ADDRESS|lfernandez@stelsewhere.org]]>\nTo: HIM Dept\nSent: [[DATE_TIME|Thursday, March 7, 2024 4:12 PM]]\nSubject: ROI for MRN [[MEDICAL_RECORD_NUMBER|33019472]]\n\nPlease release the op note to the patient's attorney.",
    "From: [[EMAIL_ADDRESS|bigred.hunter1961@yahoo.com]]\nSubject: my moms test results\n\ncan you send my mothers biopsy results to this email. she said ok. thanks",
    "thanks so much for your help with my dad's PT referral!\n\n--\n[[PERSON|Willa Grant-Young]]\n[[STREET_ADDRESS|908 Linden Ave]]\n[[LOCATION|Oak Park]], IL [[ZIP_CODE|60302]]\ncell [[PHONE_NUMBER|555-330-7721]]",
    "Best regards,\nDr. [[PERSON|Samuel Achterberg]], MD\nDepartment of Nephrology, [[HOSPITAL|Cedar Crest Medical Center]]\nPh [[PHONE_NUMBER|555-448-2000]] x4417 | Fax [[PHONE_NUMBER|555-448-2091]]\n[[EMAIL_ADDRESS|s.achterberg@cedarcrestmed.org]]",
    "Cc: [[EMAIL_ADDRESS|tkingsley@valleyortho.com]]; [[EMAIL_ADDRESS|billing@valleyortho.com]]\nRe: denial for [[PERSON|R. Castellanos]], claim [[OTHER_ID|A2024-0098127]]",
    "FAX COVER SHEET\nTo: [[PERSON|Anita Rosen]], RN - Utilization Review\nFax: [[PHONE_NUMBER|(555) 902-1184]]\nFrom: [[HOSPITAL|St. Elsewhere Regional]] Case Mgmt\nDate: [[DATE_TIME|03/11/2024]]\nPages: 6\nRe: [[PERSON|Thaddeus Monroe]] / DOB [[DATE_TIME|04-22-1939]] / Auth# [[OTHER_ID|UR7741902]]",
    "*** CONFIDENTIAL FAX ***\nTO: Dr [[PERSON|Baker]] office   FAX#: [[PHONE_NUMBER|555 771 2300]]\nFROM: [[HOSPITAL|Mercy West]] Cardiology   PH: [[PHONE_NUMBER|555 771 2000]]\nPATIENT: [[PERSON|GREENE, FAITH L]]   MRN: [[MEDICAL_RECORD_NUMBER|MW-4410982]]\nEcho report attached.",
    "fax to: [[PHONE_NUMBER|1-555-208-7714]]\nattn: pharmacy prior auth\nmember: [[PERSON|Delroy Campbell]]\nid: [[HEALTH_PLAN_NUMBER|98821034701]]\nrx: adalimumab 40 mg q2wk",
    "Name: [[PERSON|Esperanza Molina]]\nDOB:\n[[DATE_TIME|08/08/1935]]\nMRN:\n[[MEDICAL_RECORD_NUMBER|0004417720]]\nPCP:\nDr. [[PERSON|Holloway]]",
    "PATIENT INFO\n  Name ........ [[PERSON|ABIODUN, FOLAKE]]\n  SSN ......... [[SSN|634 10 8852]]\n  Address ..... [[STREET_ADDRESS|77 Chestnut Hill Rd Apt 3]], [[LOCATION|Newton]] MA [[ZIP_CODE|02467]]\n  Employer .... self",
    "Guarantor: [[PERSON|Marcus Holt]] | Relationship: father | Card: [[CREDIT_CARD|3782 822463 10005]] | Acct: [[OTHER_ID|PB-3301982]]",
    "ACH refund - payee [[PERSON|Ingrid Solberg]], bank acct [[BANK_ACCOUNT|7731902285]], routing 121000358, refund ref [[OTHER_ID|RF-220198]]",
    "Visitor log [[DATE_TIME|2024-02-17]]: [[PERSON|Darnell Price]] (son) vehicle [[VEHICLE_ID|GHX-4471]] IL, visiting rm 512",
    "Transport request: pt [[PERSON|Alder, June]] ([[MEDICAL_RECORD_NUMBER|7720114]]) from [[HOSPITAL|Hillcrest Manor SNF]] to [[HOSPITAL|MGH]] dialysis [[DATE_TIME|Mon 3/4 0630]]",
    "portal_audit: user=[[EMAIL_ADDRESS|vgaribaldi@proton.me]] ip=[[IP_ADDRESS|73.158.22.104]] action=view_record mrn=[[MEDICAL_RECORD_NUMBER|61002298]] ts=[[DATE_TIME|2024-04-01T22:10:51Z]]",
    "telehealth link for Mr. [[PERSON|Osei]] tomorrow: [[URL|https://visit.northpointehealth.org/j/88120447?pwd=Qx7r]]",
    "Accession [[OTHER_ID|24-CP-018822]] | Specimen: L breast core bx | Collected [[DATE_TIME|03/02/2024 09:18]] | Pt [[PERSON|LIU, WEN]] [[MEDICAL_RECORD_NUMBER|22871904]]",
    "Requester IP [[IP_ADDRESS|10.44.201.17]] pulled chart [[MEDICAL_RECORD_NUMBER|H0093182]] outside treatment relationship - privacy flag",
    "DEA [[LICENSE_NUMBER|BW4418273]] / NPI [[LICENSE_NUMBER|1730485926]] / lic [[LICENSE_NUMBER|MD.0471193]] - Dr. [[PERSON|Karin Westergaard]]",
    "VIN [[VEHICLE_ID|1HGCM82633A004352]] belongs to pt involved in MVC, police report [[OTHER_ID|24-008117]], brought to [[HOSPITAL|Regional Trauma Center of Elk Grove]]",
    "Emergency contact:\n[[PERSON|Soledad]] (sister)\n[[PHONE_NUMBER|555-019-7734]]\n[[EMAIL_ADDRESS|sole.m.rios@icloud.com]]",
    "Medicaid ID [[HEALTH_PLAN_NUMBER|ZT44019K]] pending renewal, pt [[PERSON|Kwame Mensah]] lives in [[LOCATION|Flatbush]]",
    "Kaiser MRN [[MEDICAL_RECORD_NUMBER|11-0092-8834]] / Medicare [[HEALTH_PLAN_NUMBER|7XC4-PN8-TR22]] / SSN [[SSN|587-00-1192]]",
    # --- clinicians, staff, payers, pharmacists, researchers (mixed lengths)
    "Pt [[PERSON|J.R.]], 78M, MRN [[MEDICAL_RECORD_NUMBER|0330981]] - wait, that's the old one; new [[MEDICAL_RECORD_NUMBER|4410987]]. Needs nephrology f/u w/ Dr. [[PERSON|Abara]] within 2 wks.",
    "pls call back [[PERSON|will]] at the front desk re: [[PERSON|rose king]]'s ride to dialysis, the extension doesnt work use [[PHONE_NUMBER|555-310-0193]]",
    "Case mgr note: Ms. [[PERSON|Okeke]] discharged home to [[LOCATION|East Cleveland]] [[DATE_TIME|2/27/24]]; HH agency needs face sheet + Medicaid [[HEALTH_PLAN_NUMBER|OH 1100-4721-93]].",
    "Pharmacist: rx for [[PERSON|Benedetta Russo]] ([[DATE_TIME|5/13/48]]) warfarin 5 mg, interaction w/ fluconazole flagged, prescriber DEA [[LICENSE_NUMBER|AH9920174]] please confirm",
    "Insurance rep: I'm calling on behalf of UnitedHealthcare about member [[PERSON|Terrence Waller]], ID [[HEALTH_PLAN_NUMBER|911-44-0823-01]], claim [[OTHER_ID|EX3310927741]] for DOS [[DATE_TIME|12/18/2023]].",
    "Research coordinator: can I confirm eligibility for our next enrollee? That's [[PERSON|Halvorsen, Pia]], MRN [[MEDICAL_RECORD_NUMBER|BWH 7718 2290]], consented [[DATE_TIME|Jan 22 2024]] at [[HOSPITAL|Brigham]].",
    "Triage: caller [[PERSON|Marisol]] (mother) says [[PERSON|Diego Alvarado]], 4y, had seizure x2 today. Advised ED at [[HOSPITAL|Children's of Alabama]]. Cb [[PHONE_NUMBER|555-240-6618]].",
    "RN handoff - bed 12: Mr. [[PERSON|Faith]] is his LAST name, don't confuse with [[PERSON|Faith Moreno]] in bed 14. [[PERSON|Leon Faith]] [[MEDICAL_RECORD_NUMBER|60019283]] NPO after MN.",
    "ED note addendum: [[AGE|96]] y/o F brought by EMS from [[HOSPITAL|Sunrise Gardens Assisted Living]], [[LOCATION|Boca Raton]]. Son [[PERSON|Howard Lieberman]] at bedside.",
    "HIM: release of info request [[OTHER_ID|ROI-2024-03318]] for [[PERSON|Ashok Bhattacharya]] denied - signature on authorization dated [[DATE_TIME|02/30/2024]] (invalid date).",
    "Billing: patient [[PERSON|DUBOIS, ETIENNE]] paid $420 by check, acct [[OTHER_ID|31-0098127-4]]; bank returned NSF from acct [[BANK_ACCOUNT|000122983741]].",
    "From the nurse line: [[PERSON|Chayton Redcloud]] called from [[LOCATION|Pine Ridge]], needs refill of insulin glargine, IHS chart [[MEDICAL_RECORD_NUMBER|PR-20918]].",
    "pt is [[PERSON|Black, Hunter]] not [[PERSON|Hunter Black]] - the registration swapped first/last. SSN [[SSN|455 29 1180]] matches the first one.",
    "Referral to [[HOSPITAL|Mayo Clinic]] ([[LOCATION|Rochester]]) for [[PERSON|Sunita Krishnamurthy]], DOB [[DATE_TIME|1/9/66]]",
    "Patient [[PERSON|Yaw Boateng]] returned from [[LOCATION|Kumasi]] [[DATE_TIME|Feb 11]] with fever; malaria smear sent, accession [[OTHER_ID|MIC-24-00871]].",
    "Wound care: Mrs. [[PERSON|Rosalind Whitaker]], [[AGE|93]], stage 3 sacral PI, lives at [[STREET_ADDRESS|1120 Old Mill Road]], [[LOCATION|Chadds Ford]]; visit [[DATE_TIME|Wed 3/13]].",
    "Pls merge dup charts: [[MEDICAL_RECORD_NUMBER|00087734]] and [[MEDICAL_RECORD_NUMBER|0087734A]] both for [[PERSON|Agnieszka Wójcik]] dob [[DATE_TIME|1974/02/19]].",
    "Lab callback: critical K 6.7 on [[PERSON|HOLLIS, MAE]] ([[MEDICAL_RECORD_NUMBER|3318-9920]]) called to Dr. [[PERSON|Ferreira]] at [[DATE_TIME|03/05/24 02:14]], read back.",
    'Dear Mr. [[PERSON|Nakamura]],\nYour colonoscopy is scheduled for [[DATE_TIME|Tuesday, April 16, 2024 at 8:00 AM]] at [[HOSPITAL|Valley Endoscopy Center]], [[STREET_ADDRESS|300 Riverside Dr, Suite 210]], [[LOCATION|Fresno]].\nBegin clear liquids the day before.\nQuestions: [[PHONE_NUMBER|555-291-4000]].',
    "Prior auth approved: auth [[OTHER_ID|A1-77410293]] valid [[DATE_TIME|3/1/24]]-[[DATE_TIME|8/31/24]] for member [[HEALTH_PLAN_NUMBER|MOL009921873]] ([[PERSON|Chen, Jia]]).",
    "Consult: [[PERSON|Sven Ekdahl]] is a 67M from [[LOCATION|Duluth]] referred by Dr. [[PERSON|Kaur]] (NPI [[LICENSE_NUMBER|1619273840]]) for afib ablation.",
    "ICD explant: device [[DEVICE_ID|BSC-DR-D433-771092]] returned to mfr, RMA [[OTHER_ID|RMA-551902]]; patient [[PERSON|Virgil Tate]].",
    "School nurse fax - student [[PERSON|Paisley Hart]], grade 3, school health office fax [[PHONE_NUMBER|555-614-2277]]",
    "[[PERSON|Olamide]] from [[LOCATION|Lagos]] is staying with her aunt [[PERSON|Bisi Akande]] at [[STREET_ADDRESS|55 Jefferson St]], needs TB screening before school.",
    "ok so my neighbor mrs [[PERSON|young]] asked me to message for her since she doesnt have a computer. she is [[AGE|97]] and wants to know if she still needs mammograms",
    "Audit trail: record [[MEDICAL_RECORD_NUMBER|77-201-993]] accessed by user [[PERSON|T. Kowalski]] from [[IP_ADDRESS|192.168.14.77]] on [[DATE_TIME|03/03/2024 23:58]].",
    "Clinic schedule [[DATE_TIME|Mon 4/8]]:\n 8:00 [[PERSON|Abernathy, C]] [[MEDICAL_RECORD_NUMBER|7710293]]\n 8:20 [[PERSON|Quispe, X]] [[MEDICAL_RECORD_NUMBER|9920113]]\n 8:40 [[PERSON|Rose, Will]] [[MEDICAL_RECORD_NUMBER|2283019]] (new pt)",
    "MVA pt unidentified on arrival [[DATE_TIME|2024-03-09 01:12]]; later ID'd as [[PERSON|Caleb Whitlock]] via plate [[VEHICLE_ID|WKY 8812]] (KY).",
    "genetics: [[PERSON|Ruth Goldfarb]] carries BRCA1 c.68_69delAG, her sister [[PERSON|Naomi]] and niece [[PERSON|Tova Levin]] should be offered testing; family in [[LOCATION|Teaneck]].",
    "Tumor board [[DATE_TIME|3/20]]: [[PERSON|P. Oyelaran]] ([[MEDICAL_RECORD_NUMBER|UPMC-8821704]]) stage IIIB NSCLC, EGFR L858R.",
    "SW note: pt's partner [[PERSON|Jordan Ellery]] is not on the HIPAA release; only daughter [[PERSON|Kiara]] ([[PHONE_NUMBER|555-702-4419]]) may receive info.",
    "need covering MD for Dr. [[PERSON|Lindqvist]]'s pts on [[DATE_TIME|Friday March 29th]], page [[PHONE_NUMBER|555-019-3300]]",
    "Hospice intake: [[PERSON|Augustine Mwangi]], [[AGE|99]], from [[LOCATION|Hyde Park]]; POLST on file; Medicare [[HEALTH_PLAN_NUMBER|3AK7-VR1-HJ50]].",
    "Subject: FW: records\n\n---------- Forwarded message ---------\nFrom: [[PERSON|Deb]] <[[EMAIL_ADDRESS|debbie.lavoie@frontiernet.net]]>\nDate: [[DATE_TIME|Sat, Mar 2, 2024 at 9:41 AM]]\n\nplease send my husbands mri disc to our house",
    "dr [[PERSON|ansari]] said to message her directly - its [[PERSON|noor]] (pt [[MEDICAL_RECORD_NUMBER|4417-2209]]), my bp has been 150s/90s all week on amlodipine 5",
    "Can you look up [[PERSON|Lorenzo Bianchi]]? He said he was seen at [[HOSPITAL|NYU Langone]] last month but we have no records. Born in [[LOCATION|Palermo]], [[DATE_TIME|17/04/1950]].",
    "Pt states SSN [[SSN|123-45-6780]]? Registration flagged as invalid, pls verify with card. Pt [[PERSON|Yusuf Demir]].",
    "prescriber: [[PERSON|Annika Berg]], PA-C, state lic [[LICENSE_NUMBER|PA-0061729]], supervising Dr. [[PERSON|Ortega]]",
    "[[PERSON|KING ALBERT]] [[DATE_TIME|10/10/1933]] [[AGE|90]]M dnr/dni [[HOSPITAL|Rush]]",
    "Subscriber [[PERSON|Martin Gallagher]] / dependent [[PERSON|Sean Gallagher]] / policy [[HEALTH_PLAN_NUMBER|TRV-884-1190-02]] / group [[HEALTH_PLAN_NUMBER|55019]]",
    "hey its [[PERSON|dani]], rn on 5 west. mr [[PERSON|castillo]] in 517 wants his wife [[PERSON|Inés]] called at [[PHONE_NUMBER|555 4402 118]]? the number looks short",
    "Immunization record request: [[PERSON|Thi Hoa Nguyen]], born [[DATE_TIME|the 22nd of June 2011]], previously at [[HOSPITAL|Saint Mary's Pediatrics]] in [[LOCATION|Westminster]].",
    "Denial appeal - [[PERSON|Patricia Okafor-Reyes]] - Humana ID [[HEALTH_PLAN_NUMBER|H44190227]] - claim [[OTHER_ID|2401993817]] - DOS [[DATE_TIME|Jan 17-19, 2024]]",
    "Our records show [[PERSON|Hunter Faith]] visited [[HOSPITAL|Mercy West]] ED on [[DATE_TIME|01/05/2024]] and [[DATE_TIME|01/09/2024]]; encounter ids [[OTHER_ID|E-88120]] and [[OTHER_ID|E-88291]].",
    "voicemail transcript: hi this is [[PERSON|carol]] from [[HOSPITAL|st elsewhere regional]] lab calling for doctor [[PERSON|amsel]] about patient [[PERSON|martinez]] specimen [[OTHER_ID|w x four four one nine]] please call [[PHONE_NUMBER|eight hundred five five five zero one nine two]]",
    "PCP letter: [[PERSON|Kateryna Shevchenko]] arrived from [[LOCATION|Kharkiv]] in 2022; vaccines unknown; lives in [[LOCATION|Brighton Beach]].",
    "Home O2 order: [[PERSON|Ephraim Cole]], [[STREET_ADDRESS|RR 2 Box 118]], [[LOCATION|Hazard]], KY [[ZIP_CODE|41701]], concentrator SN [[DEVICE_ID|INV-PLT5-00418832]]",
    "I'm the DPOA for [[PERSON|Lillian Frost]] ([[AGE|102]]). Her SS# is [[SSN|209 66 7314]] and Medicare [[HEALTH_PLAN_NUMBER|1WD3-J77-KR84]]; please update the face sheet.",
    "dob [[DATE_TIME|2-14-38]] [[PERSON|baptiste, r]] ck pt ? dup of [[MEDICAL_RECORD_NUMBER|M0019928]]",
    "Please send the discharge summary to [[HOSPITAL|Shady Oaks Rehabilitation]] - fax [[PHONE_NUMBER|555-221-0098]], attn [[PERSON|Maribel]].",
    "Pt [[PERSON|Emeka]] states he has no fixed address, staying at the shelter on [[STREET_ADDRESS|220 Eddy St]] in the [[LOCATION|Tenderloin]].",
    "covid test result for [[PERSON|Anika Sharma]] [[DATE_TIME|11.03.2023]] was negative, portal user [[EMAIL_ADDRESS|anika.s.1999@gmail.com]]",
    "I, [[PERSON|Reginald Thorne]], authorize [[HOSPITAL|Duke University Hospital]] to release my records to Attorney [[PERSON|Fiona McBride]], [[STREET_ADDRESS|200 W Main St Ste 400]], [[LOCATION|Durham]] NC [[ZIP_CODE|27701]].",
    "rad: compare w/ prior from OSH [[DATE_TIME|Aug 2022]], pt [[MEDICAL_RECORD_NUMBER|11920384]]",
    "my mom is [[PERSON|Maria de los Ángeles Ferrer]] and she needs a spanish speaking doctor in [[LOCATION|Hialeah]] please, her insurance is simply healthcare [[HEALTH_PLAN_NUMBER|SH00921847]]",
    "bill says patient [[PERSON|Will Strong]] but i am [[PERSON|William Strong Jr]], his son, dob [[DATE_TIME|12/25/1980]]. different people!",
    "i work nights so pls text [[PHONE_NUMBER|555-388-1204]] not call. [[PERSON|Precious]] (mom of [[PERSON|Zion Carter]])",
    "Per Dr. [[PERSON|Fitzgerald]], hold metoprolol for [[PERSON|Eun-ji Kang]] ([[MEDICAL_RECORD_NUMBER|K 0092 183]]) until HR > 60.",
    "New pt packet: [[PERSON|Graciela Paredes]]; born [[LOCATION|Oaxaca]], [[DATE_TIME|5 de mayo de 1961]]",
    "Rx label reprint: [[PERSON|STANISLAW NOWAK]] [[STREET_ADDRESS|4402 W 63RD ST]] [[LOCATION|CHICAGO]] [[ZIP_CODE|60629-4418]] rx#[[OTHER_ID|6620193]]",
    "Ambulance bill - run # [[OTHER_ID|R24-03319]] - pt [[PERSON|Colton Reyes]] - pickup [[STREET_ADDRESS|900 Hwy 12]] mile marker 44 near [[LOCATION|Walla Walla]]",
    "appointment reminder for [[PERSON|Hemi Walker]]: [[DATE_TIME|Thu 14 Mar 2024 10:30]] at [[HOSPITAL|Auckland City Hospital]] clinic 5",
    "the app says my id is [[HEALTH_PLAN_NUMBER|0039 2211 8]] but my card says [[HEALTH_PLAN_NUMBER|0039-22118]], which one do i give the lab",
    "Consent witnessed by Rev. [[PERSON|Absalom Hart]] and Sister [[PERSON|Mary Clare]], [[DATE_TIME|3/8/2024 15:40]].",
    "Pt [[PERSON|Quinn Harlow]] (they/them) DOB [[DATE_TIME|06.30.2002]]; preferred name [[PERSON|River]]",
    "[[LOCATION|Kraków]] native [[PERSON|Zofia Lewandowska]], [[AGE|91]], visiting grandson [[PERSON|Piotr]] in [[LOCATION|Hamtramck]], needs interpreter",
    "Please verify: [[PERSON|Carlos Mendes]] SSN [[SSN|772-18-0054]] vs [[PERSON|Carlos Mendez]] SSN [[SSN|772-18-0045]] - transposed?",
    "Dx imaging order: CT A/P w/ contrast, [[PERSON|Amos Whitfield]] [[MEDICAL_RECORD_NUMBER|00000418821]], Cr 1.1, ordering Dr. [[PERSON|Yoon]] pager [[PHONE_NUMBER|555-0041]]",
    "Transfer center: accepting [[PERSON|Gareth Pryce]] from [[HOSPITAL|Glenwood Community Hospital]] ([[LOCATION|Glenwood Springs]]) to [[HOSPITAL|UCHealth]] neuro ICU, ETA [[DATE_TIME|3/10 1900]]",
    "hi can i get my covid vaccine card reprinted, name [[PERSON|Nkechi Obi]], dob [[DATE_TIME|the 1st of october 1990]], lot number doesnt matter",
    "portal login from new device: [[IP_ADDRESS|2601:644:8400:1a0::3f]] user [[EMAIL_ADDRESS|h.kingsley@me.com]] [[DATE_TIME|2024-03-30 04:12 UTC]]",
    "CLIA proficiency - please destroy specimen for [[PERSON|T.W.]] ([[MEDICAL_RECORD_NUMBER|3301882]]), collected at [[HOSPITAL|Westside Urgent Care]] [[LOCATION|Lakewood]]",
    # --- no PHI: clinical vocabulary a redactor must leave alone
    "what is the difference between Hashimoto thyroiditis and Graves disease? TSH 0.02 mIU/L, free T4 3.1 ng/dL (ref 0.8-1.8), TRAb positive",
    "positive Babinski bilaterally, GCS 13 (E3V4M6), pupils 3 mm reactive; r/o Guillain-Barre vs Miller Fisher variant",
    "Apgar 8 and 9 at 1 and 5 min, birth weight 3.41 kg, cord pH 7.32, base excess -4",
    "ICD-10 E11.65 + Z79.4, CPT 99214-25 and 83036; is the A1c billable same day as the visit?",
    "metoprolol succinate 25 mg PO daily -> 50 mg; goal BP < 130/80, HR 55-60; hold if SBP < 100",
    "BRCA1 c.68_69delAG (p.Glu23fs) and BRCA2 c.5946delT are Ashkenazi founder variants; what is the NCCN recommendation for risk-reducing BSO",
    "any open trials for Parkinson disease with LRRK2 G2019S? I saw NCT04665245 and NCT05348785 mentioned",
    "MRSA vs MSSA coverage: vancomycin 15-20 mg/kg q8-12h, trough 10-20 mcg/mL, or AUC/MIC 400-600; Pseudomonas aeruginosa needs cefepime 2 g q8h",
    "odds ratio 1.42 (95% CI 0.8-1.2)?? that can't be right if p=0.03 - check the table",
    "ABG: pH 7.28, PaCO2 58 mmHg, PaO2 62 mmHg, HCO3 26 mEq/L on FiO2 0.40 - acute respiratory acidosis",
    "Clostridioides difficile toxin B PCR positive; start fidaxomicin 200 mg BID x 10 days; avoid loperamide",
    "Is Epstein-Barr virus linked to Hodgkin lymphoma? Reed-Sternberg cells CD15+ CD30+",
    "CHA2DS2-VASc 4, HAS-BLED 2 -> apixaban 5 mg BID unless 2 of: age >= 80, weight <= 60 kg, Cr >= 1.5",
    "measles cases rising in Texas and Ohio; MMR 2 doses 28 days apart; outbreaks also reported in Romania and the Philippines",
    "Wells score 4.5, D-dimer 1.9 mcg/mL FEU; CTPA shows segmental PE RLL; start enoxaparin 1 mg/kg q12h",
    "CBC: WBC 14.2 x10^9/L, Hgb 9.8 g/dL, MCV 72 fL, Plt 456 K/uL; ferritin 8 ng/mL - iron deficiency",
    "PHQ-9 of 17 and GAD-7 of 12; start sertraline 50 mg, recheck in 4-6 weeks; C-SSRS negative",
    "EGFR exon 19 deletion + TP53 R273H; osimertinib 80 mg daily; KRAS G12C negative; PD-L1 TPS 5%",
    "Cushing syndrome vs Cushing disease: 24h urine free cortisol 210 mcg, late-night salivary cortisol elevated, ACTH 48 pg/mL",
    "does Medicare Part B cover DEXA every 24 months? T-score -2.6 at femoral neck, FRAX 10-yr hip 3.4%",
    "Kawasaki disease criteria: fever >= 5 days + 4 of 5; IVIG 2 g/kg and aspirin 80-100 mg/kg/day divided q6h",
    "Troponin I hs 0.034 -> 0.210 ng/mL, ECG ST elevation V1-V4, Killip class II, TIMI 5",
    "Helicobacter pylori breath test positive; bismuth quadruple therapy x 14 days; check for Lynch syndrome given MLH1 loss on IHC",
    "why does Addison disease cause hyperkalemia? Na 128 mmol/L, K 5.8 mmol/L, AM cortisol 2.1 mcg/dL",
    "NIHSS 14, last known well unknown, ASPECTS 8; tenecteplase 0.25 mg/kg max 25 mg; Modified Rankin 0 at baseline",
    "Candida auris screening for transfers from Illinois and New York; also Klebsiella pneumoniae carbapenemase (KPC) PCR",
    "eGFR 38 mL/min/1.73m2 (CKD-EPI 2021), UACR 310 mg/g; start empagliflozin 10 mg; ICD-10 N18.32",
    "Ranson criteria vs BISAP for pancreatitis; lipase 1,840 U/L (13-60), TG 1,210 mg/dL, Ca 7.6 mg/dL",
    "Is Tanner stage 2 at 8 years precocious in girls? LH 0.4 IU/L, estradiol 22 pg/mL, bone age +2 SD",
]


def main() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.dont_write_bytecode = True
    from make_clinical import write_marked  # noqa: E402  (sibling module: the same labeling as the other sets)

    write_marked(TEXTS, "clinical_portal.json")


if __name__ == "__main__":
    main()
