"""Hand-written clinical *notes* for clinical_notes.json; spans marked inline as [[TYPE|value]].

The notes staff write rather than the questions they ask: nursing and progress notes, SBAR hand-offs,
telephone encounters, triage, pharmacy, social work and care-coordination notes, referral and
discharge letters, some dictated in lower case. Patients, relatives and staff have names of many
origins (South and East Asian, West and East African, Arabic, Turkish, Pacific, Andean, Eastern
European; West African virtue names such as Blessing, Patience, Comfort; names that are words such
as Hope, Joy, Summer) and appear as full names, surnames after a title, and given names alone.
Written in one sitting and scored once *before* the gate was changed for them; every person, number
and address is invented, and none is a canary value or a value of another dev set.

Labeling follows the other dev sets: titles (Dr., Mr., Ms., RN) outside the span; states and
countries never labeled; bare years, times of day, durations and relative days never labeled; an
age is labeled only over 89; a facility is HOSPITAL, the city it is in LOCATION.

    python bench/devsets/notes_texts.py     # writes clinical_notes.json beside this file
"""

NOTES = [
    # --- nursing and progress notes
    "0700 shift note: pt [[PERSON|Rajesh Subramaniam]] resting, c/o 4/10 incisional pain, PRN oxycodone given. Wife [[PERSON|Lakshmi]] at bedside overnight.",
    "Progress note [[DATE_TIME|11/14/2024]]. [[PERSON|Harpreet Kaur Sandhu]], MRN [[MEDICAL_RECORD_NUMBER|00417736]], POD 2 s/p lap chole. Tolerating clears. Plan: advance diet, d/c tomorrow if afebrile.",
    "Pt's son [[PERSON|Gurpreet]] called at 1415 asking about visiting hours; informed him per policy. Callback number [[PHONE_NUMBER|(559) 318-2270]].",
    "Mrs. [[PERSON|Qureshi]] refused the 2100 enoxaparin dose, states she will walk the halls instead. Educated on DVT risk; Dr. [[PERSON|Bains]] notified.",
    "S: [[PERSON|Nasreen Akhtar]] reports dizziness on standing since [[DATE_TIME|Nov 3]]. O: orthostatic BP 128/76 -> 104/62. A: orthostasis, likely volume depletion. P: 1L NS bolus, recheck.",
    "Assumed care of [[PERSON|Tahmina Rahman]] from night RN [[PERSON|Joy Castellanos]]. Telemetry NSR, IV site L forearm clean/dry/intact.",
    "Pt [[PERSON|Chinedu Eze]] ambulated 150 ft with PT ([[PERSON|Summer Lindqvist]], DPT) using rolling walker, SpO2 stayed 94-96% on RA.",
    "Daughter [[PERSON|Blessing Adeyemi]] is the health care proxy; copy of HCPOA scanned to chart [[DATE_TIME|12/02/2024]].",
    "Wound care: sacral stage 2, 2 x 1.5 cm, cleansed and foam dressing applied. [[PERSON|Patience Owusu]], CWON, to follow twice weekly.",
    "Pt [[PERSON|Xiaoming Zhao]] (Mandarin interpreter [[PERSON|Huijuan Lin]] via video, ID [[OTHER_ID|44817]]) consented for EGD.",
    "Fall risk reassessed. [[PERSON|Dariusz Kowalczyk]] attempted to get up unassisted x2 overnight; bed alarm on, sitter requested.",
    "Insulin drip titrated per protocol. BG 212 at 0300, 176 at 0400. [[PERSON|Seo-yeon Kim]] aware, no new orders.",
    # --- SBAR and hand-off
    "SBAR to Dr. [[PERSON|Venkatesh Raghunathan]]: S - [[PERSON|Ngozi Okafor]], 67F, new onset afib RVR 140s. B - hx HTN, DM2. A - hemodynamically stable. R - requests diltiazem order.",
    "Handoff: bed 12 [[PERSON|Thabo Mokoena]], DKA resolving, gap closed at 0500; bed 14 [[PERSON|Wanjiru Kamau]], CHF exacerbation, diuresing well, net -1.8 L.",
    "I-PASS: [[PERSON|Min-jun Lee]], 8 y/o, asthma exacerbation, q2h albuterol, watcher. Mom ([[PERSON|Hye-jin]]) staying overnight, phone [[PHONE_NUMBER|213-555-0884]].",
    "Sign-out to night team: [[PERSON|Ziad Khoury]] (rm 4217) pending CT read; if PE positive start heparin per protocol and call fellow [[PERSON|Rania Haddad]].",
    # --- telephone encounters and triage
    "Telephone encounter [[DATE_TIME|10/08/2024]] 09:12: [[PERSON|Olena Shevchenko]] (DOB [[DATE_TIME|05/19/1971]]) called re: rash after starting lamotrigine. Advised to stop and come to ED today.",
    "Returned call to [[PERSON|Bogdan Ionescu]] at [[PHONE_NUMBER|617.555.0193]], left VM with callback number, no PHI left on message.",
    "Pt's wife [[PERSON|Comfort Asante]] called to say [[PERSON|Kofi]] has had 3 episodes of black stool since last night. Instructed to go to ED now; ED charge RN notified.",
    "ED triage [[DATE_TIME|12/11/2024]] 22:40. [[PERSON|Mateo Gutiérrez Salinas]], arrived by EMS from home at [[STREET_ADDRESS|4470 Alderbrook Way]], [[LOCATION|Pueblo]], chest pain x 2 hrs. ESI 2.",
    "Triage: 3 mo infant [[PERSON|Ximena Quispe]] brought by mother [[PERSON|Rosa Quispe Mamani]] for fever 38.9; MRN [[MEDICAL_RECORD_NUMBER|PED-2280419]].",
    "Nurse line: caller [[PERSON|Hope Delacroix-Baptiste]] asking if she can take ibuprofen with her lisinopril. Reviewed, advised acetaminophen instead.",
    "called pt back re labs. spoke w/ [[PERSON|abdirahman farah]] himself, confirmed dob [[DATE_TIME|3/14/1980]]. potassium 5.9, told to go to ER for repeat.",
    # --- pharmacy and medication notes
    "Pharmacy note: [[PERSON|Leila Farahani]] on warfarin, INR 3.8 today. Held tonight's dose; recheck [[DATE_TIME|12/16]]. Spoke with Dr. [[PERSON|Sato]].",
    "Med rec completed with pt [[PERSON|Mehmet Demir]] and son [[PERSON|Emre]]; home list from [[HOSPITAL|Cedar Hollow Family Pharmacy]] Rx #[[OTHER_ID|7741208]] verified.",
    "Prior auth submitted for adalimumab for [[PERSON|Ayşe Yılmaz]], member ID [[HEALTH_PLAN_NUMBER|XGH448102937]], group [[HEALTH_PLAN_NUMBER|77120]].",
    "Vancomycin trough 22.4 (goal 15-20) for [[PERSON|Tenzin Dorji]]; next dose held, level in AM. Discussed with [[PERSON|Pema Lhamo]], PharmD.",
    "Controlled substance agreement signed by [[PERSON|Aroha Ngata]] on [[DATE_TIME|09/30/2024]]; PDMP reviewed, no other prescribers.",
    # --- social work and care coordination
    "SW note: [[PERSON|Amina Warsame]] lives with her sister [[PERSON|Hamdi Osman]] at [[STREET_ADDRESS|88 Fenwick Terrace, Apt 3C]], [[LOCATION|Saint Cloud]], [[ZIP_CODE|56301]]. Needs Somali interpreter for all visits.",
    "Care coordination: arranged home health for [[PERSON|Siosaia Tuipulotu]] via [[HOSPITAL|Bayview Home Health]]; start of care [[DATE_TIME|Dec 19, 2024]].",
    "Case mgmt: [[PERSON|Malia Faleolo]] uninsured; Medicaid application started, reference #[[OTHER_ID|MA-2024-0088731]]. Follow-up call scheduled.",
    "SW met with [[PERSON|Keoni Kahananui]] and partner [[PERSON|Lehua]] re: discharge to [[HOSPITAL|Kīpuka Skilled Nursing Facility]]; bed offer accepted.",
    "APS report filed [[DATE_TIME|11/21/2024]] regarding [[PERSON|Jurgita Kazlauskienė]], [[AGE|91]], concerns for financial exploitation by a neighbor.",
    "Transportation set up for [[PERSON|Bao Vang]] to dialysis at [[HOSPITAL|Northside Kidney Center]] MWF; driver will call [[PHONE_NUMBER|651-555-0127]].",
    "Spoke with [[PERSON|Nhia Xiong]] (grandson, Hmong interpreter for family) about the goals-of-care meeting on [[DATE_TIME|Friday 12/20]].",
    # --- consults, procedures, letters
    "Cardiology consult requested by Dr. [[PERSON|Deepika Iyer]] for [[PERSON|Sanjay Mehta]], 58M, troponin 0.09 -> 0.14. Seen and examined.",
    "Procedure note: ultrasound-guided paracentesis, 4.2 L removed. Operator: [[PERSON|Olumide Bankole]], MD. Patient: [[PERSON|Akosua Mensah]], MRN [[MEDICAL_RECORD_NUMBER|3390-118-27]].",
    "Dear Dr. [[PERSON|Kowalski]], thank you for referring [[PERSON|Lerato Khumalo]] (DOB [[DATE_TIME|08/02/1990]]) for evaluation of recurrent syncope.",
    "Referral: [[PERSON|Otieno Odhiambo]] to [[HOSPITAL|Mercy Ridge Neurology Associates]] for EMG; insurance [[HEALTH_PLAN_NUMBER|BCX 902 441 318]].",
    "Discharge summary. Patient: [[PERSON|Nguyen Thi Thu Huong]]. Admitted [[DATE_TIME|11/02/2024]], discharged [[DATE_TIME|11/06/2024]]. Dx: community-acquired pneumonia. Follow up with PCP Dr. [[PERSON|Tran Duc Minh]] in 1 week.",
    "Operative note: surgeon [[PERSON|Haruto Sato]], MD; assistant [[PERSON|Yumiko Ishikawa]], PA-C. Laparoscopic appendectomy without complication.",
    "To whom it may concern: [[PERSON|Walid Nasser]] was under my care at [[HOSPITAL|Eastgate Medical Center]] from [[DATE_TIME|10/28/2024]] to [[DATE_TIME|11/01/2024]] and may return to work [[DATE_TIME|11/11/2024]].",
    "Letter to patient: [[PERSON|Guadalupe Ramírez]], [[STREET_ADDRESS|2219 W Cortez St]], [[LOCATION|Laredo]], TX [[ZIP_CODE|78040]]. Your colonoscopy results were normal.",
    "Path addendum: specimen [[OTHER_ID|S24-18832]] ([[PERSON|Juan Pablo Echeverría]]) - margins negative. Called to Dr. [[PERSON|Imran Qureshi]] at 1530.",
    # --- dictated, lower case, messy
    "dictated by dr [[PERSON|venkatesh iyer]]. pt is a 44 yo man named [[PERSON|suresh pillai]] seen today for f/u of his gout, no flares since last visit.",
    "pt states her name is [[PERSON|precious ndlovu]], dob [[DATE_TIME|july 9 1986]], here for depo shot. last given [[DATE_TIME|9/12]].",
    "spoke w/ pts daughter [[PERSON|memory moyo]] on phone, she will bring the med list tmrw. her number is [[PHONE_NUMBER|612 555 0148]].",
    "nurse [[PERSON|thandiwe]] reports pt pulled out his ng tube again, replaced by md, xr confirmed placement.",
    "addendum: i saw and examined the pt with resident dr [[PERSON|anil kapoor]] and agree with the plan as documented.",
    # --- portal messages and forms inside notes
    "Portal message from [[PERSON|Innocent Chikwanha]]: \"my BP readings this week 150s/90s, should I increase the amlodipine?\" Routed to Dr. [[PERSON|Farah]].",
    "Patient [[PERSON|Autumn Redcloud]] requests records be sent to [[HOSPITAL|Pine Ridge Indian Health Service Hospital]], fax [[PHONE_NUMBER|605-555-0106]].",
    "Registration update: [[PERSON|Gift Banda]], new address [[STREET_ADDRESS|1037 Rosewood Ct]], [[LOCATION|Des Moines]], IA [[ZIP_CODE|50312]]; email [[EMAIL_ADDRESS|gbanda.1037@postmail.com]].",
    "Emergency contact changed to [[PERSON|Fatmata Kamara]] (niece), [[PHONE_NUMBER|+1 (301) 555-0175]]; prior contact [[PERSON|Ibrahim Sesay]] removed per pt.",
    "Guarantor: [[PERSON|Reza Tehrani]], acct [[ACCOUNT_NUMBER|60-4471-0928]]; self-pay plan set up at $50/month.",
    "Insurance verified: Medicare MBI [[HEALTH_PLAN_NUMBER|5EG4-TE5-MK72]] for [[PERSON|Dolores Whitehorse]]; secondary AARP [[HEALTH_PLAN_NUMBER|38820014-1]].",
    "ID band checked against MRN [[MEDICAL_RECORD_NUMBER|E1120457]] and DOB [[DATE_TIME|1949-04-17]] before transfusion; two-RN verification with [[PERSON|Priya Balasubramanian]], RN.",
    "Visitor log: [[PERSON|Tomás Achterberg]] and [[PERSON|Ines Achterberg]] visited [[DATE_TIME|12/24/2024]]; no concerns.",
    "Chaplain visit: Father [[PERSON|Anselm]] offered prayer at pt's request; pt's family (son [[PERSON|Mwangi]], daughter [[PERSON|Njeri]]) present.",
    "Pt [[PERSON|Destiny Okoro-Williams]] left AMA at 0230 after being informed of risks; AMA form signed and witnessed by [[PERSON|Carlos Ybarra]], RN.",
    "Hospice referral for [[PERSON|Faith Morningstar]], [[AGE|94]], to [[HOSPITAL|Lakeshore Hospice House]]; family meeting held with son [[PERSON|Will]].",
    # --- notes with no PHI (domain text that must stay)
    "Post-op day 1: afebrile, incision clean and dry, voiding without difficulty. Continue cefazolin x 24 h, advance diet as tolerated.",
    "CBC: WBC 11.2, Hgb 9.8, Plt 412. BMP notable for Na 131, Cr 1.4 (baseline 1.1). Will hold lisinopril and recheck in AM.",
    "Patient educated on use of incentive spirometer, 10 times per hour while awake; teach-back performed successfully.",
    "Blood cultures 2/2 growing gram-positive cocci in clusters; ID consulted, start vancomycin pending sensitivities.",
    "Echo: LVEF 35-40%, moderate MR, no pericardial effusion. Start carvedilol 3.125 mg BID and sacubitril/valsartan once BP allows.",
    "Hand hygiene audit on 4 West: 46/50 opportunities observed compliant (92%). Reminder sent to unit staff.",
    "Restraint order renewed per policy; circulation, skin and ROM checked q2h, no injury noted.",
    "Patient meets criteria for sepsis bundle: lactate 3.1, MAP 62. 30 mL/kg crystalloid started, broad-spectrum antibiotics within 1 hour.",
]


if __name__ == "__main__":
    from make_clinical import write_marked

    write_marked(NOTES, "clinical_notes.json")
