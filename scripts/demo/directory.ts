/**
 * Who works where in the demo company: business units with the details their stories mention, and names
 * from many origins, as a large European group's staff would have.
 */

export type UnitSlot = 'place' | 'team' | 'people' | 'work' | 'metric' | 'ritual' | 'customers' | 'tool';

/**
 * What a unit's managers talk about: the words for the `{place}`, `{team}`… slots of the story library. Each
 * story picks one of each, so a unit's stories don't all share the same words (which would make stories of
 * different practices look alike to the similarity model).
 */
export type UnitSetting = Readonly<Record<UnitSlot, readonly string[]>>;

export interface DemoUnitProfile {
  slug: string;
  name: string;
  division: string;
  members: number;
  setting: UnitSetting;
}

/** 400 members, unevenly spread; Legal & Compliance (4) and R&D Labs (6) sit below the report's privacy floor of 5. */
export const UNIT_PROFILES: readonly DemoUnitProfile[] = [
  {
    slug: 'retail-banking',
    name: 'Retail Banking',
    division: 'Operations',
    members: 49,
    setting: {
      place: ['the Riverside branch', 'the Old Market branch', 'our Northgate branch'],
      team: ['branch team', 'counter team'],
      people: ['advisers', 'cashiers and advisers'],
      work: ['mortgage appointments', 'account openings'],
      metric: ['appointment no-shows', 'queue time at the counter'],
      ritual: ['the 08:45 huddle before the doors open', 'the Friday branch meeting'],
      customers: ['customers at the counter', 'our branch customers'],
      tool: ['the appointment system', 'the branch dashboard'],
    },
  },
  {
    slug: 'claims',
    name: 'Claims',
    division: 'Insurance Ops',
    members: 45,
    setting: {
      place: ['the motor claims floor', 'the property claims team in Bristol', 'our household claims pod'],
      team: ['claims pod', 'handling team'],
      people: ['handlers', 'claims handlers'],
      work: ['claim files', 'open claims'],
      metric: ['days to settle', 'reopened claims'],
      ritual: ['the Monday backlog review', 'the daily file check'],
      customers: ['policyholders', 'claimants'],
      tool: ['the claims workbench', 'the case queue'],
    },
  },
  {
    slug: 'group-finance',
    name: 'Group Finance',
    division: 'Corporate',
    members: 22,
    setting: {
      place: ['group finance', 'the month-end close team', 'the FP&A team'],
      team: ['close team', 'reporting team'],
      people: ['analysts', 'accountants'],
      work: ['month-end reconciliations', 'management reports'],
      metric: ['days to close', 'late journal entries'],
      ritual: ['the close calendar meeting', 'the Thursday review with the CFO'],
      customers: ['the business controllers', 'the divisional finance leads'],
      tool: ['the consolidation tool', 'the reporting workbook'],
    },
  },
  {
    slug: 'manufacturing-plant-lyon',
    name: 'Manufacturing Plant Lyon',
    division: 'Industrial',
    members: 66,
    setting: {
      place: ['the Lyon plant', 'line 3 in Lyon', 'the Lyon paint shop', 'the assembly hall in Lyon'],
      team: ['shift team', 'line crew'],
      people: ['operators', 'technicians'],
      work: ['changeovers', 'repairs on the line'],
      metric: ['unplanned downtime', 'scrap rate'],
      ritual: ['the 06:00 shift handover', 'the daily line review'],
      customers: ['the production lines', 'the line leaders'],
      tool: ['the maintenance system', 'the line dashboard'],
    },
  },
  {
    slug: 'field-sales-north',
    name: 'Field Sales North',
    division: 'Commercial',
    members: 28,
    setting: {
      place: ['the northern sales region', 'the Leeds and Newcastle territories', 'our Manchester office'],
      team: ['territory team', 'regional sales team'],
      people: ['account managers', 'sales reps'],
      work: ['customer visits', 'quotes'],
      metric: ['pipeline conversion', 'quote turnaround'],
      ritual: ['the Monday forecast call', 'the monthly territory review'],
      customers: ['key accounts', 'our distributors'],
      tool: ['the CRM', 'the quoting tool'],
    },
  },
  {
    slug: 'it-infrastructure',
    name: 'IT Infrastructure',
    division: 'Technology',
    members: 32,
    setting: {
      place: ['the infrastructure team', 'data-centre operations', 'the network and hosting group'],
      team: ['platform squad', 'operations team'],
      people: ['engineers', 'sysadmins'],
      work: ['change requests', 'tickets'],
      metric: ['incidents per month', 'ticket backlog'],
      ritual: ['the weekly change advisory board', 'the morning ops review'],
      customers: ['internal users', 'the application teams'],
      tool: ['the ticketing system', 'the monitoring console'],
    },
  },
  {
    slug: 'hr-shared-services',
    name: 'HR Shared Services',
    division: 'Corporate',
    members: 20,
    setting: {
      place: ['HR shared services', 'the payroll and HR service desk', 'the Kraków HR hub'],
      team: ['service desk team', 'HR operations team'],
      people: ['HR advisers', 'case officers'],
      work: ['employee cases', 'payroll queries'],
      metric: ['case turnaround time', 'open cases'],
      ritual: ['the morning queue check', 'the weekly case review'],
      customers: ['employees and line managers', 'the managers we support'],
      tool: ['the case-management tool', 'the HR portal'],
    },
  },
  {
    slug: 'customer-service-centre',
    name: 'Customer Service Centre',
    division: 'Operations',
    members: 72,
    setting: {
      place: [
        'the customer service centre',
        'the Leeds contact centre floor',
        'the evening shift at the call centre',
      ],
      team: ['agent team', 'service team'],
      people: ['agents', 'advisers on the phones'],
      work: ['calls', 'customer contacts'],
      metric: ['average handling time', 'repeat calls'],
      ritual: ['the 08:00 floor briefing', 'the team huddle after the peak'],
      customers: ['callers', 'our customers'],
      tool: ['the telephony dashboard', 'the call scripts'],
    },
  },
  {
    slug: 'logistics',
    name: 'Logistics',
    division: 'Supply Chain',
    members: 40,
    setting: {
      place: ['the Rotterdam warehouse', 'our distribution centre', 'the night shift in the warehouse'],
      team: ['pick team', 'dock team'],
      people: ['pickers and drivers', 'warehouse operatives'],
      work: ['outbound orders', 'deliveries'],
      metric: ['on-time dispatch', 'picking errors'],
      ritual: ['the 05:00 dock briefing', 'the weekly transport review'],
      customers: ['the stores we supply', 'the transport planners'],
      tool: ['the warehouse system', 'the handheld scanners'],
    },
  },
  {
    slug: 'r-and-d-labs',
    name: 'R&D Labs',
    division: 'Technology',
    members: 6,
    setting: {
      place: ['the R&D lab', 'the materials lab'],
      team: ['lab team', 'project team'],
      people: ['researchers', 'lab technicians'],
      work: ['experiments', 'prototype builds'],
      metric: ['time from idea to prototype', 'failed test runs'],
      ritual: ['the Thursday lab review', 'the project stand-up'],
      customers: ['the product teams', 'the plant engineers'],
      tool: ['the lab notebook', 'the test rig schedule'],
    },
  },
  {
    slug: 'legal-and-compliance',
    name: 'Legal & Compliance',
    division: 'Corporate',
    members: 4,
    setting: {
      place: ['legal and compliance', 'the compliance office'],
      team: ['legal team', 'compliance team'],
      people: ['lawyers', 'compliance officers'],
      work: ['contract reviews', 'policy questions'],
      metric: ['contract turnaround', 'overdue reviews'],
      ritual: ['the Tuesday matters meeting', 'the monthly risk review'],
      customers: ['the business', 'the sales teams we advise'],
      tool: ['the matter tracker', 'the policy library'],
    },
  },
  {
    slug: 'marketing',
    name: 'Marketing',
    division: 'Commercial',
    members: 16,
    setting: {
      place: ['marketing', 'the brand and campaigns team', 'the digital marketing team'],
      team: ['campaign team', 'brand team'],
      people: ['marketers', 'designers and copywriters'],
      work: ['campaigns', 'briefs'],
      metric: ['time to launch', 'late briefs'],
      ritual: ['the Monday stand-up', 'the campaign review'],
      customers: ['the sales teams', 'our agencies'],
      tool: ['the campaign planner', 'the asset library'],
    },
  },
];

/** Roles beyond `member`, placed where such people sit in a real group. */
export const ROLE_HOLDERS: readonly { unit: string; roles: readonly string[] }[] = [
  { unit: 'group-finance', roles: ['executive'] }, // the CEO: the first executive, author of the planted endorsement
  { unit: 'group-finance', roles: ['executive'] },
  { unit: 'retail-banking', roles: ['executive'] },
  { unit: 'it-infrastructure', roles: ['executive'] },
  { unit: 'hr-shared-services', roles: ['hr'] },
  { unit: 'hr-shared-services', roles: ['hr', 'curator'] },
  { unit: 'hr-shared-services', roles: ['hr'] },
  { unit: 'hr-shared-services', roles: ['curator'] },
  { unit: 'marketing', roles: ['curator'] },
  { unit: 'marketing', roles: ['curator'] },
  { unit: 'customer-service-centre', roles: ['curator'] },
  { unit: 'it-infrastructure', roles: ['admin'] },
  { unit: 'it-infrastructure', roles: ['admin'] },
];

/** Comma-separated names, kept as text so the lists stay compact (some names contain spaces). */
const commaList = (text: string): readonly string[] =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);

export const FIRST_NAMES = commaList(`
  Amélie, Lucas, Camille, Théo, Chloé, Julien, Inès, Mathieu, Sophie, Nicolas, Emma, Oliver,
  Hannah, James, Grace, Thomas, Charlotte, Daniel, Megan, Ryan, Lukas, Anna, Jonas, Lea, Felix,
  Katharina, Maximilian, Johanna, Tobias, Miriam, Giulia, Marco, Chiara, Alessandro, Francesca,
  Luca, Sofia, Matteo, Elena, Davide, Lucía, Javier, Carmen, Pablo, Marta, Diego, Noelia, Sergio,
  Beatriz, Álvaro, Agnieszka, Piotr, Katarzyna, Tomasz, Magdalena, Krzysztof, Zofia, Marek,
  Sanne, Daan, Femke, Joost, Ingrid, Erik, Astrid, Lars, Sigrid, Mikael, Priya, Arjun, Ananya,
  Rohan, Kavya, Vikram, Neha, Sanjay, Aisha, Omar, Fatima, Youssef, Leila, Karim, Nadia, Hamza,
  Samira, Chinedu, Adaeze, Kwame, Ama, Tunde, Folake, Kofi, Zainab, Mei, Wei, Hiroshi, Yuki,
  Min-jun, Ji-woo, Linh, Minh, Siti, Rizal, Mateus, Fernanda, João, Larissa, Rafael, Ana,
  Catarina, Tiago, Aoife, Ciarán, Niamh, Seán, Dimitris, Eleni, Yannis, Zeynep, Emre, Elif,
  Mehmet, Olga, Dmitri, Irina, Andrei, Ioana, Bogdan, Réka, Bence, Tereza, Ondřej
`);

export const LAST_NAMES = commaList(`
  Martin, Bernard, Dubois, Laurent, Moreau, Girard, Fontaine, Rousseau, Lefèvre, Chevalier,
  Smith, Clarke, Hughes, Walsh, Patel, Khan, Thompson, Evans, Turner, Bennett, Müller, Schmidt,
  Wagner, Becker, Hoffmann, Schäfer, Keller, Vogel, Brandt, Krüger, Rossi, Bianchi, Romano,
  Colombo, Ricci, Greco, Moretti, Conti, Esposito, Gallo, García, Fernández, López, Martínez,
  Sánchez, Romero, Navarro, Ortega, Ruiz, Herrera, Kowalski, Nowak, Wiśniewska, Zieliński,
  Lewandowska, Wójcik, Kamińska, de Vries, van Dijk, Jansen, Bakker, Visser, Smit, Lindqvist,
  Johansson, Nilsson, Hansen, Andersen, Virtanen, Sharma, Iyer, Reddy, Gupta, Nair, Menon,
  Chaudhry, Haddad, El Amrani, Benali, Mansour, Rahman, Hussain, Farouk, Yilmaz, Demir, Kaya,
  Şahin, Okafor, Adeyemi, Mensah, Boateng, Nwosu, Diallo, Traoré, Okonkwo, Chen, Wang, Liu,
  Tanaka, Sato, Kim, Park, Nguyen, Tran, Santoso, Silva, Costa, Pereira, Oliveira, Souza,
  Ferreira, Almeida, O'Brien, Murphy, Byrne, Papadopoulos, Georgiou, Ivanova, Petrov, Popescu,
  Ionescu, Nagy, Horváth, Novák, Dvořák, Kovač, Horvat
`);
