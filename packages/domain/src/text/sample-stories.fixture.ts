import type { StoryText } from './tokenize.js';

export interface SampleStory extends StoryText {
  id: string;
  /** The practice the story tells of; stories of one practice were written as retellings by other units. */
  practice: string;
}

/**
 * Leadership stories for the text tests and threshold tuning: families of retellings of one practice, and
 * stories that share a family's topic (budgets, meetings, teams, mentoring) but describe something else.
 */
export const SAMPLE_STORIES: readonly SampleStory[] = [
  {
    id: 'self-managed-1',
    practice: 'self-managed-teams',
    title: 'Our maintenance crews became self-managed teams',
    body:
      'Last spring we stopped assigning shift supervisors to the maintenance crews. Each crew now plans its ' +
      'own work, sets its own priorities with the production lines and decides who takes which repair. ' +
      'The self-managed teams hold a short weekly review where they look at downtime figures together. ' +
      'Decisions that used to wait for a supervisor now happen on the spot, and the crews own the results.',
    tags: ['self-management', 'autonomy', 'teams'],
  },
  {
    id: 'self-managed-2',
    practice: 'self-managed-teams',
    title: 'Letting the team manage itself',
    body:
      'In our customer service centre we removed the team leader role and let the teams manage themselves. ' +
      'The team plans its own shifts, sets its own priorities and decides how to handle escalations. A ' +
      'weekly review of the service figures keeps everyone honest. Decisions are faster now that nobody ' +
      'waits for a supervisor, and people say they finally own their work.',
    tags: ['self-managed teams', 'autonomy'],
  },
  {
    id: 'self-managed-3',
    practice: 'self-managed-teams',
    title: 'Self-managing teams in the warehouse',
    body:
      'Inspired by the maintenance crews, our warehouse teams now manage themselves. No supervisor hands ' +
      'out tasks: the team plans the work each morning, sets priorities with the drivers and decides who ' +
      'does what. They review their own figures every week. Ownership went up and so did on-time ' +
      'deliveries, because decisions are taken where the work happens.',
    tags: ['self-management', 'teams', 'logistics'],
  },
  {
    id: 'no-meeting-1',
    practice: 'no-meeting-day',
    title: 'No-meeting Wednesdays',
    body:
      'Our department declared Wednesday a meeting-free day. Calendars are blocked, recurring meetings were ' +
      'moved, and managers lead by example by not booking anything. People use the day for focused work. ' +
      'After three months engineers report fewer interruptions and more deep work getting done.',
    tags: ['focus time', 'meetings'],
  },
  {
    id: 'no-meeting-2',
    practice: 'no-meeting-day',
    title: 'A meeting-free day every week',
    body:
      'We tried one day a week without meetings. Every Wednesday the calendars stay empty and nobody books ' +
      'a meeting, managers included. The team uses the day for focused, uninterrupted work. Fewer ' +
      'interruptions, more deep work, and people look forward to Wednesdays.',
    tags: ['meetings', 'focus'],
  },
  {
    id: 'no-meeting-3',
    practice: 'no-meeting-day',
    title: 'Protecting focus time: Wednesdays without meetings',
    body:
      'After a survey showed people spent most of their week in meetings, we made Wednesday a no-meeting day ' +
      'for the whole site. Recurring meetings moved to other days and calendars are blocked for focus ' +
      'time. Interruptions dropped and the deep work finally gets done.',
    tags: ['focus time', 'meeting-free'],
  },
  {
    id: 'reverse-mentoring-1',
    practice: 'reverse-mentoring',
    title: 'Reverse mentoring: graduates coach the board',
    body:
      'Each member of our board is paired with a recent graduate who mentors them on digital tools, social ' +
      'media and how younger colleagues see the company. The reverse mentoring pairs meet monthly. The ' +
      'executives say they learn more from their young mentors than from any course.',
    tags: ['reverse mentoring', 'digital'],
  },
  {
    id: 'reverse-mentoring-2',
    practice: 'reverse-mentoring',
    title: 'Young mentors for senior managers',
    body:
      'We started reverse mentoring: junior colleagues mentor senior managers on digital tools and social ' +
      'media. Each senior manager meets a young mentor once a month. The managers learn how the younger ' +
      'generation works and the mentors get to know the executives.',
    tags: ['mentoring', 'digital skills'],
  },
  {
    id: 'reverse-mentoring-3',
    practice: 'reverse-mentoring',
    title: 'When the intern mentors the director',
    body:
      'Our plant director asked an intern to be her mentor on digital tools and social media. The reverse ' +
      'mentoring pair meets monthly and now every executive in the unit has a young mentor. The executives ' +
      'learn how younger colleagues see the company.',
    tags: ['reverse mentoring'],
  },
  {
    id: 'rolling-forecast-1',
    practice: 'rolling-forecasts',
    title: 'We dropped the annual budget for rolling forecasts',
    body:
      'Instead of a fixed annual budget negotiated for months, our unit now works with rolling forecasts ' +
      'updated every quarter. Teams request resources when they need them, and targets are relative to ' +
      'peers rather than fixed numbers. Planning takes days instead of months.',
    tags: ['beyond budgeting', 'forecasting'],
  },
  {
    id: 'rolling-forecast-2',
    practice: 'rolling-forecasts',
    title: 'Beyond budgeting: quarterly rolling forecasts',
    body:
      'We replaced the yearly budget round with a rolling forecast that we update each quarter. Resources ' +
      'are requested when needed instead of being fixed a year ahead, and targets compare us with peers. ' +
      'Our planning cycle shrank from months to days.',
    tags: ['beyond budgeting', 'rolling forecast'],
  },
  {
    id: 'rolling-forecast-3',
    practice: 'rolling-forecasts',
    title: 'No more annual budget negotiations',
    body:
      'The annual budget negotiation used to take three months. We now forecast on a rolling basis every ' +
      'quarter and teams get resources when they need them. Targets are set relative to peers. Planning ' +
      'is quicker and the forecasts are closer to reality.',
    tags: ['forecasting', 'budget'],
  },
  {
    id: 'zero-based-budget',
    practice: 'zero-based-budgeting',
    title: 'Zero-based budgeting for travel costs',
    body:
      'Every travel expense line now starts from zero each year and has to be justified again. Managers ' +
      'explain each trip in the budget review. Travel costs fell by a fifth without hurting customer visits.',
    tags: ['budget', 'cost control'],
  },
  {
    id: 'stand-up-meetings',
    practice: 'stand-up-meetings',
    title: 'Fifteen-minute stand-up meetings',
    body:
      'Our weekly one-hour status meeting became a daily fifteen-minute stand-up. Everyone stands, says ' +
      'what they did, what they will do and what blocks them. Long discussions move to a separate slot ' +
      'with only the people involved.',
    tags: ['meetings', 'agile'],
  },
  {
    id: 'team-charter',
    practice: 'team-charter',
    title: 'Every new team writes a charter',
    body:
      'When a team forms, it spends its first afternoon writing a team charter: its purpose, how members ' +
      'will work together, how decisions are made and how conflicts are settled. The charter hangs on the ' +
      'wall and the team revisits it every six months.',
    tags: ['teams', 'working agreements'],
  },
  {
    id: 'onboarding-buddy',
    practice: 'onboarding-buddy',
    title: 'A buddy for every new hire',
    body:
      'Each new hire gets a buddy from another team for their first three months. The buddy shows them ' +
      'around, answers the questions people hesitate to ask a manager and introduces them to colleagues. ' +
      'New colleagues feel at home much sooner.',
    tags: ['onboarding', 'mentoring'],
  },
  {
    id: 'walking-one-on-ones',
    practice: 'walking-one-on-ones',
    title: 'Walking one-on-ones',
    body:
      'I hold my one-on-ones while walking around the site instead of in my office. Side by side, people ' +
      'talk more openly, and we often stop to look at a problem on the shop floor together.',
    tags: ['one-on-ones', 'conversations'],
  },
  {
    id: 'failure-wall',
    practice: 'failure-wall',
    title: 'A wall of failures in the lab',
    body:
      'Our research lab has a wall where anyone can pin an experiment that failed and what it taught them. ' +
      'Once a month we celebrate the most instructive failure. People now share mistakes early instead ' +
      'of hiding them.',
    tags: ['learning', 'psychological safety'],
  },
];
