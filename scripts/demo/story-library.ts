/**
 * The words of the demo: leadership practice stories composed from many themes, each with its own titles,
 * descriptions, setbacks and results, plus openings, reflections, comments and adoption notes shared by all.
 * Almost every fragment has a slot filled per story (unit details, numbers, names, months), so no two
 * stories read alike and few sentences repeat verbatim.
 *
 * Slots: unit `{place} {team} {people} {work} {metric} {ritual} {customers} {tool}`; story `{practice}
 * {size} {weeks} {pct} {minutes} {count} {month} {weekday} {colleague} {colleague2}`; comments and notes
 * also `{authorFirst} {myPlace} {myTeam} {myPeople}`.
 */

export interface PracticeTheme {
  /** As said mid-sentence: "we tried {practice}". */
  name: string;
  tags: readonly string[];
  titles: readonly string[];
  /** What the team did. */
  how: readonly string[];
  /** What went wrong on the way. */
  snags: readonly string[];
  /** What changed, with figures. */
  outcomes: readonly string[];
}

export const THEMES: readonly PracticeTheme[] = [
  {
    name: 'walking one-on-ones',
    tags: ['one-on-ones', 'wellbeing', 'coaching'],
    titles: [
      'Taking one-on-ones outside',
      'Our one-on-ones now happen on foot',
      'The {minutes}-minute walk that replaced my desk meetings',
    ],
    how: [
      'Instead of sitting across a desk, I now walk with each of my {size} {people} for {minutes} minutes once a fortnight, usually around the car park or down to the canal.',
      'The rule is simple: no laptop, no agenda printed out, and the {people} choose the route.',
      'We walk side by side, which turns out to matter: {colleague} told me it is easier to say the hard thing when you are not looking straight at your manager.',
    ],
    snags: [
      'The first {weeks} weeks it rained on almost every {weekday}, and we ended up doing laps of the corridor next to {place}.',
      'Two of the {people} use a wheelchair or have bad knees, so I had to rethink the "walk" part; we now sit in the garden or take the long way round inside.',
    ],
    outcomes: [
      'In the {month} pulse survey, agreement with "my manager listens to me" went up by {pct} points, and walking was the one thing we had changed.',
      'I now hear about problems with {work} about {count} weeks earlier than I used to, because people raise them on the walk instead of waiting for a formal review.',
      'Nobody has cancelled a walk in {weeks} weeks, while my old desk one-on-ones were cancelled roughly one time in three.',
    ],
  },
  {
    name: 'no-meeting Wednesdays',
    tags: ['focus time', 'meetings'],
    titles: [
      'No-meeting Wednesdays, {weeks} weeks on',
      'We gave Wednesday back to the work',
      'One day a week without a single meeting',
    ],
    how: [
      'Every Wednesday is meeting-free for the whole {team} in {place}: recurring meetings were moved, and I decline anything that lands on that day, including from my own boss.',
      'We blocked the day in everyone\'s calendar with a note saying "focus day — {place}", so people in other units see why we are not available.',
      'Urgent things still happen; the rule is that a Wednesday conversation may not have a calendar invite and may not last longer than {minutes} minutes.',
    ],
    snags: [
      'Tuesdays and Thursdays got worse at first, because all the moved meetings piled up there; it took {colleague} and me {count} weeks to cut the list rather than just move it.',
      '{customers} still expected us on Wednesdays, so we had to keep a rota of {count} people who stay reachable.',
    ],
    outcomes: [
      'The backlog of {work} that used to slip to Friday is now cleared by Wednesday evening in most weeks, and {metric} improved by about {pct}%.',
      'People say Wednesday is the day they get their real work done; {colleague2} finished a process review on one that had been on the list since {month}.',
      'Our meeting hours per person fell from about fourteen to {count} a week over the quarter.',
    ],
  },
  {
    name: 'blameless post-mortems',
    tags: ['post-mortems', 'learning', 'psychological safety'],
    titles: [
      'What we learnt from our worst {weekday}',
      'Post-mortems without a culprit',
      'Why we stopped asking "who did this?"',
    ],
    how: [
      'After every serious problem with {work} we now hold a {minutes}-minute review within {count} working days, and the first rule is that nobody is named as the cause.',
      'We write the timeline together on a whiteboard in {place}: what happened, what we knew at the time, and why the decision made sense then.',
      'Each review ends with no more than {count} actions, each with an owner and a date, tracked in {tool}.',
    ],
    snags: [
      'The first review was painful: {colleague} had made the mistake and sat in silence, and I realised I had to go first and describe my own part in it.',
      'Some managers outside {place} still asked "but who was it?" after reading our notes, which undid part of the trust; I now share only the lessons outside the team.',
    ],
    outcomes: [
      'Reported near-misses went from {count} in the quarter before to nearly three times as many, which sounds bad but means people finally tell us.',
      'Repeat incidents in {work} dropped by {pct}% over the next {weeks} weeks.',
      'In the {month} survey, {pct}% more of the {people} agreed that "it is safe to admit a mistake here".',
    ],
  },
  {
    name: 'reverse mentoring',
    tags: ['mentoring', 'learning', 'generations'],
    titles: [
      'Being mentored by my newest hire',
      'Reverse mentoring: I was the student',
      'What a graduate taught me in {weeks} weeks',
    ],
    how: [
      'I asked {colleague}, who joined {place} {count} months ago, to mentor me for an hour every {weekday}, on whatever they thought I was missing.',
      'The mentee (me) brings questions, the mentor decides the topic; so far that has included our chat tools, how new joiners experience {ritual}, and what "flexible" really means to someone in their twenties.',
      'We now pair {count} senior people in {place} with junior colleagues the same way, and the juniors set the agenda.',
    ],
    snags: [
      'I cancelled the second session for a budget meeting, and {colleague} told me afterwards it looked like proof I was not serious; I have not moved one since.',
      'Some of the seniors found it awkward to be told what they did not know, and {count} of the pairs quietly stopped after {weeks} weeks.',
    ],
    outcomes: [
      'I changed how I run {ritual} after hearing how it felt from the other side, and attendance went up by {pct}%.',
      'Two of the juniors now run the onboarding for {team} themselves, which took about {minutes} minutes a week off my plate.',
      'Our first-year attrition in {place} fell from six leavers to {count} over the year.',
    ],
  },
  {
    name: 'rotating meeting chairs',
    tags: ['meetings', 'ownership'],
    titles: [
      'Everyone chairs the meeting, in turn',
      'I stopped chairing my own team meeting',
      'Rotating the chair of {ritual}',
    ],
    how: [
      'Since {month}, {ritual} is chaired by a different person from the {team} each week, drawn from a list on the wall in {place}.',
      'The chair sets the agenda the day before, keeps time and writes the three decisions in {tool}; I attend as a normal participant.',
      'New joiners chair after {count} weeks, with a buddy who has done it before.',
    ],
    snags: [
      'The first few chairs copied my style exactly, long updates included, so we agreed a {minutes}-minute limit and a rule that updates go in writing.',
      '{colleague} was dreading the first turn and asked to skip it; we agreed a co-chair with {colleague2} first, and the next one {colleague} ran alone.',
    ],
    outcomes: [
      'The meeting went from about an hour to {minutes} minutes, and decisions per meeting roughly doubled.',
      'People now prepare, because everyone knows they will be in the chair within {weeks} weeks.',
      'Three of the {people} told me at their reviews that chairing was the first time they felt like leaders, and one has since applied for a team-lead role in {place}.',
    ],
  },
  {
    name: 'decision logs',
    tags: ['decisions', 'transparency'],
    titles: [
      'A decision log for the whole team',
      'Writing down why we decided',
      'The one-page decision log that ended re-arguing',
    ],
    how: [
      'Every decision that affects more than one person in {place} goes into a shared log in {tool}: what we decided, the options we rejected, who decided, and when we will look at it again.',
      'Entries are short, five lines at most, and anyone in the {team} can add one; I review the log every {weekday} morning.',
      'When someone wants to reopen a decision, they add a comment to the entry with what has changed since, rather than starting the debate from scratch at {ritual}.',
    ],
    snags: [
      'For the first {weeks} weeks only I wrote in the log, which made it look like my diary; it changed when {colleague} logged a decision I did not agree with and we kept it.',
      'We over-did it in {month} and logged trivia such as the coffee order, so we set a rule: only decisions that would take more than {minutes} minutes to explain to a newcomer.',
    ],
    outcomes: [
      'The log has {count}0-odd entries now, and new joiners read it in their first week to understand why {work} are handled the way they are.',
      'We reopened far fewer old decisions: by my count, from about one a week to {count} in the whole quarter.',
      'When {customers} asked why we changed a process, we could answer with the log entry in minutes instead of reconstructing it over {count} emails.',
    ],
  },
  {
    name: 'skip-level lunches',
    tags: ['skip-level', 'listening', 'leadership'],
    titles: [
      'Lunch with people two levels down',
      'Skip-level lunches: what I heard',
      'The sandwiches that changed my priorities',
    ],
    how: [
      'Once a month I have lunch with {count} people from {place} who do not report to me directly, chosen by lot, with their own managers agreeing to stay away.',
      'There is no agenda beyond one question I ask at the start: "what would you change about {work} if you were me?"',
      'I write down what I hear, share a summary with the managers within {count} days, and report back at the next lunch on what happened with each point.',
    ],
    snags: [
      'The team leads in {place} felt bypassed at first; {colleague} said it out loud, rightly: I had not explained the purpose to them beforehand.',
      'The first {count} lunches were polite and useless; people only opened up once they saw that something raised at the previous one had actually been fixed.',
    ],
    outcomes: [
      'Of the {count}0 issues raised since {month}, we have fixed more than half, including a rota problem that had been annoying the {people} for two years.',
      'Two improvements to {work} came straight from lunches and saved the team about {minutes} minutes a day.',
      'The managers in {place} now run their own version with their teams, which I did not ask for.',
    ],
  },
  {
    name: 'job shadowing across units',
    tags: ['job shadowing', 'cross-unit', 'learning'],
    titles: [
      "A day in someone else's shoes",
      'Job shadowing outside our own unit',
      'What I learnt shadowing a colleague from another unit',
    ],
    how: [
      'Each of my {size} {people} spends one day a quarter shadowing someone in a unit we depend on, and someone from that unit spends a day with us in {place}.',
      'The visitor follows their host through a normal day, including the dull parts, and writes half a page on "what surprised me" for {ritual}.',
      'We set up the pairs with {colleague} in the other unit; the only condition is that the day is a real working day, not a tour.',
    ],
    snags: [
      'Finding a day was harder than expected: between leave and peaks in {work}, it took {weeks} weeks to schedule the first {count} visits.',
      'One visit went badly because the host had a crisis that day; {colleague2} spent most of it waiting, so we now agree a back-up host.',
    ],
    outcomes: [
      'Handovers between our units got noticeably better: rework on {work} fell by about {pct}% in the following quarter.',
      'People now phone each other instead of escalating by email, because they have met; {colleague} says half of all problems now get solved in {minutes} minutes on the phone.',
      'Two of our {people} later moved into the unit they shadowed, which I count as a win for the company.',
    ],
  },
  {
    name: 'a kudos board',
    tags: ['recognition', 'team culture'],
    titles: ['The kudos board by the coffee machine', 'Saying thank you in public', 'Our wall of thank-yous'],
    how: [
      'We put a whiteboard next to the coffee machine in {place} where anyone can write a thank-you to a colleague, with the date and what they did.',
      "On {weekday}s I read out the week's kudos at {ritual} before anything else, which takes about {minutes} minutes.",
      'For the people working remotely there is a channel in our chat that we copy onto the board, so nobody misses out.',
    ],
    snags: [
      'For the first {count} weeks the board was mostly managers thanking people, which felt staged; it changed when {colleague} started thanking the night shift.',
      'Some quieter {people} got fewer mentions and noticed; we now make a point of thanking the invisible work, such as whoever keeps {tool} tidy.',
    ],
    outcomes: [
      'We have had over {count}00 thank-yous since {month}, most of them between peers rather than from managers.',
      'In the exit interviews of the last {count} leavers, the board was mentioned as something they would miss.',
      'The team\'s score on "my work is recognised" went up {pct} points in the last survey.',
    ],
  },
  {
    name: 'buddies for new hires',
    tags: ['onboarding', 'buddy system'],
    titles: [
      'Every new joiner gets a buddy',
      'Buddies, not binders',
      'Onboarding with a buddy: {weeks} weeks in',
    ],
    how: [
      'Every new joiner in {place} now gets a buddy from the {team} for their first {weeks} weeks, someone who is not their manager and not their trainer.',
      'The buddy takes them to lunch on day one, checks in every {weekday}, and is the person to ask the "stupid" questions about {work} and {tool}.',
      'We give buddies two hours a week off their normal targets, which I had to argue for with {colleague} in finance.',
    ],
    snags: [
      'We ran out of buddies in {month} when {count} people joined at once, and a couple of pairs barely met; now no buddy takes more than one joiner at a time.',
      'One buddy treated it as a chance to complain about the company for {weeks} weeks, so we now brief buddies properly and ask for volunteers instead of assigning them.',
    ],
    outcomes: [
      'New joiners reach full productivity on {work} about {count} weeks sooner than before, by our own rough measure.',
      'Of the {count}0 people who joined with a buddy, only one left in the first six months, against roughly one in five before.',
      'The buddies say they learnt as much as the joiners, and two of them now want to become team leads in {place}.',
    ],
  },
  {
    name: 'open budget reviews',
    tags: ['budgets', 'transparency'],
    titles: [
      'Showing the whole team our budget',
      'Open budget reviews: nothing bad happened',
      'Why I put our numbers on the screen',
    ],
    how: [
      'Each quarter I walk the whole {team} in {place} through our budget line by line: what we spend, on what, and where we are over.',
      'The {people} can question any line, and we vote on where to cut if we have to; last time it took {minutes} minutes more than planned, and that was fine.',
      'We share the figures from {tool} a week before, so people can come with questions instead of reacting on the spot.',
    ],
    snags: [
      'Salaries are the biggest line and the one I could not show in detail, and some people read the omission as secrecy; I explained why, and {colleague} helped me do it well.',
      'The first session drifted into complaints about travel rules that I cannot change; we now park those for {colleague2} to take up with group finance.',
    ],
    outcomes: [
      'The team found savings of about {pct}% on consumables and subscriptions in the first review, more than I had found in a year.',
      'Overtime requests dropped by {count}0 hours a month once people saw what overtime actually cost us.',
      'People understand now why some requests are refused, and the grumbling at {ritual} has almost stopped.',
    ],
  },
  {
    name: 'a team charter',
    tags: ['team charter', 'ways of working'],
    titles: ['We wrote our own team rules', 'A team charter on one page', 'The charter we actually use'],
    how: [
      'In {month} the {team} spent one afternoon writing a one-page charter: how we make decisions, how fast we answer each other, and what we do when we disagree.',
      'Every line had to be agreed by everyone in the room; it took {minutes} minutes to agree on the line about answering messages after hours.',
      'The charter hangs in {place} and in {tool}, and we review it every {weeks} weeks at {ritual}.',
    ],
    snags: [
      'The first draft was full of words like "respect" and "excellence" that meant nothing; {colleague} pushed us to write only things we could check.',
      'Two people joined after the charter was written and felt it was imposed on them, so we now revise it with every new joiner.',
    ],
    outcomes: [
      'Arguments about {work} now end with "what does the charter say?" rather than with me deciding.',
      'Our reply time to {customers} improved by about {pct}% once we had agreed our own standard.',
      'When {colleague2} was off for {weeks} weeks, the team handled two conflicts without me, using the charter.',
    ],
  },
  {
    name: 'a daily huddle at the board',
    tags: ['visual management', 'daily huddle'],
    titles: [
      'Ten minutes at the board every morning',
      'Our daily huddle, standing up',
      'What a whiteboard did for our {team}',
    ],
    how: [
      "Every morning the {team} stands at a board in {place} for ten minutes: yesterday's {metric}, today's priorities, and anything blocking anyone.",
      'Problems go on red cards; each card gets an owner and a date, and stays on the board until it is solved, however long that takes.',
      'The huddle is run by whoever is on shift, not by me, and it starts at the same time every day whether I am there or not.',
    ],
    snags: [
      'The board filled with red cards in the first {count} weeks and people got discouraged; we limited it to {count} open problems at once.',
      'Remote colleagues felt left out, so {colleague} now holds a phone up to the board, which is clumsy but works.',
    ],
    outcomes: [
      '{metric} improved by roughly {pct}% over {weeks} weeks, mostly because small problems get fixed the same day.',
      'We closed {count}0 red cards in the first quarter, most of them by the {people} themselves without escalation.',
      'The huddle replaced two longer weekly meetings, which saves each person about {minutes} minutes a week.',
    ],
  },
  {
    name: 'ask-me-anything sessions',
    tags: ['transparency', 'listening', 'leadership'],
    titles: [
      'Ask me anything, and I will answer',
      'Monthly AMA with the leadership team',
      'The questions I was afraid of',
    ],
    how: [
      'Once a month I hold a {minutes}-minute "ask me anything" for everyone in {place}, with an anonymous form open for a week beforehand.',
      'I answer every question, including the uncomfortable ones about pay and restructuring, and if I do not know the answer I say when I will have it.',
      'Answers are written up in {tool} within {count} days, so people on other shifts can read them.',
    ],
    snags: [
      'The first session had no questions at all; the second had {count}0, almost all anonymous and quite angry, which was actually progress.',
      'I answered one question about the reorganisation too honestly before it was announced, and {colleague} from HR had a difficult week because of me.',
    ],
    outcomes: [
      'Attendance went from a handful to about {pct}% of the unit by the third month.',
      'Rumours about the site closure died down within {weeks} weeks once people could ask directly.',
      'Several questions led to real changes, such as the rota for {work} being published {count} weeks ahead instead of one.',
    ],
  },
  {
    name: 'pre-mortems',
    tags: ['planning', 'risk', 'decisions'],
    titles: [
      'Imagining the failure before it happens',
      'Pre-mortems for every big change',
      'It is {month} and the project has failed. Why?',
    ],
    how: [
      'Before any change that affects {work}, we spend {minutes} minutes imagining it is six months later and the change has failed badly, and each person writes down why.',
      'We collect the reasons on sticky notes in {place}, group them, and pick the {count} most likely to put a guard against.',
      'Junior {people} write first, so their reasons are not shaped by what the senior ones say.',
    ],
    snags: [
      'The first pre-mortem turned into a complaint session about the last failed project; {colleague} now facilitates and keeps us in the future tense.',
      'We skipped it once in {month} because we were in a hurry, and that was the change that went wrong.',
    ],
    outcomes: [
      'The migration of {tool} was the first in years without a weekend of rollback, and two of the risks we planned for actually happened.',
      'Our changes now need about {pct}% fewer corrections in their first month.',
      'The {people} say they feel heard before a change, not only afterwards when things go wrong.',
    ],
  },
  {
    name: 'working out loud',
    tags: ['transparency', 'async communication'],
    titles: [
      'Working out loud, one note a week',
      'Weekly notes instead of status meetings',
      'Why I post my half-finished work',
    ],
    how: [
      'Every {weekday} each person in the {team} posts five lines in our channel: what I did, what I learnt, where I am stuck.',
      'I post mine first, including the things that went badly, such as the forecast I got wrong in {month}.',
      "We read each other's notes during the week and reply in the thread; there is no meeting to discuss them.",
    ],
    snags: [
      'Some notes became polished mini-reports, which defeated the point; we agreed a limit of {count} sentences and "no bullet points with bold headings".',
      'A couple of the {people} felt watched; {colleague} suggested we make posting voluntary for a month, and most kept going anyway.',
    ],
    outcomes: [
      'We cancelled the weekly status meeting, which gives back about {minutes} minutes to {size} people.',
      "People found out about each other's problems with {work} much earlier; twice someone solved a problem the same day because they had seen it before.",
      'Other units started reading our channel, and {colleague2} was asked to help a team in another site after reading one of those notes.',
    ],
  },
  {
    name: 'clear decision rights',
    tags: ['delegation', 'decisions', 'ownership'],
    titles: [
      'Who decides what, written down',
      'Delegation poker with my team',
      'I gave away {count} decisions',
    ],
    how: [
      'We listed the {count}0 most common decisions in {place} and, for each, agreed a level: I decide, I decide after asking, we decide together, you decide and tell me, or you decide.',
      'We played "delegation poker" to agree the levels: everyone shows a card, and differences of more than one level get discussed.',
      'The list lives in {tool} next to our rota, and we move a decision one level towards the team every time it goes well for {weeks} weeks.',
    ],
    snags: [
      'I found it harder than the team did: I kept "just checking" on decisions I had delegated, until {colleague} pointed it out in front of everyone.',
      'One delegated decision, on overtime for {work}, went wrong in {month}, and I had to resist taking it back.',
    ],
    outcomes: [
      'Roughly {pct}% fewer decisions now come to me, and most of them faster than I would have made them.',
      'Waiting time on {work} fell because the {people} no longer need my approval for routine exceptions.',
      'In the survey, "I have a say in how my work is done" went up more than any other item in the unit.',
    ],
  },
  {
    name: 'protected focus blocks',
    tags: ['focus time', 'wellbeing'],
    titles: [
      'Two hours a day with notifications off',
      'Quiet hours on the floor',
      'Focus blocks for a team that never stops',
    ],
    how: [
      'Every morning from 09:00 to 11:00 is a focus block for the {team}: chat on "do not disturb", no meetings, and the phones covered by a rota of {count}.',
      'We put a small flag on the desk during focus time in {place}, and the rule is that nobody interrupts a flag unless {customers} are affected.',
      'I protect the block from my own requests too, which is the hardest part for me.',
    ],
    snags: [
      'In the first {weeks} weeks everything urgent got saved up for 11:00, which made the late morning chaotic.',
      'The rota for phones was unfair at first because the same {count} people always volunteered; {colleague} now runs it properly.',
    ],
    outcomes: [
      'Errors in {work} dropped by about {pct}%, which the team puts down to fewer interruptions.',
      'Most people say they now finish their complex tasks before lunch instead of taking them home.',
      '{colleague2} counted interruptions for a week: from {count}0 a day to a handful.',
    ],
  },
  {
    name: 'a skills matrix for cross-training',
    tags: ['cross-training', 'skills', 'resilience'],
    titles: [
      'Who can do what: our skills matrix',
      'Cross-training so nobody is irreplaceable',
      'The week {colleague} was off and nothing broke',
    ],
    how: [
      'We drew a matrix of every task in {place} against every person, with four levels from "never done it" to "can teach it", and put it on the wall.',
      'Each person picks {count} cells to move up a level each quarter, and the experts are given time to teach.',
      'The rule is that no task may have fewer than {count} people at "can do it alone".',
    ],
    snags: [
      'The experts felt threatened at first: teaching their speciality felt like giving away their job security, until I made teaching part of their goals.',
      'Training took people off {work} for a few hours a week, and {metric} dipped in {month} before it recovered.',
    ],
    outcomes: [
      'When flu took out {count} people in {month}, we covered every task without calling in agency staff.',
      'Single points of failure went from {count}0 tasks to two.',
      'People say the variety makes the job more interesting, and internal applications from the {team} doubled.',
    ],
  },
  {
    name: 'fortnightly retrospectives',
    tags: ['retrospectives', 'continuous improvement'],
    titles: [
      'A retrospective every two weeks',
      'Retros outside software teams',
      'What went well, what did not, what we change',
    ],
    how: [
      'Every other {weekday} the {team} takes {minutes} minutes for a retrospective: what went well, what did not, and one thing we will change.',
      'We borrowed the format from the software team, but we keep it low-tech: sticky notes on the window in {place}.',
      'The one change is written on a card, and the next retro starts by checking whether we did it.',
    ],
    snags: [
      'We kept choosing changes that depended on other teams, so nothing happened; now the change must be something we control.',
      'By week {weeks} the retros were getting repetitive, so {colleague} started rotating formats, such as "start, stop, continue" and "sailboat".',
    ],
    outcomes: [
      'We have made {count}0 small changes since {month}, from the order of the morning checks to how we label {work}.',
      '{metric} is about {pct}% better than a year ago, and the team can name the changes that did it.',
      'People raise problems in the moment now, because they know there is a place where they will be taken seriously.',
    ],
  },
  {
    name: 'feedback Fridays',
    tags: ['feedback', 'coaching'],
    titles: [
      'Feedback Fridays',
      'Ten minutes of feedback every week',
      'Learning to give feedback while it still matters',
    ],
    how: [
      'On Friday afternoons each person in the {team} gives one piece of feedback to a colleague, face to face, about something that happened that week.',
      'We use a simple pattern: what I saw, the effect it had, and a question; it takes about {minutes} minutes and no forms.',
      'I started by asking the {people} for feedback on me, {count} weeks in a row, before asking them to give it to each other.',
    ],
    snags: [
      'Early on, feedback was all praise; it took {weeks} weeks before anyone said something critical, and that was {colleague} to me.',
      'One exchange went badly when the feedback was really about a long-running conflict; I now step in when the topic is bigger than one week.',
    ],
    outcomes: [
      'The annual reviews in {month} had no surprises for anyone, which was a first for {place}.',
      'Quality issues on {work} get raised between colleagues now, and escalations to me fell by about {pct}%.',
      '{colleague2} said it was the first team where you know where you stand every single week.',
    ],
  },
  {
    name: 'go-and-see walks',
    tags: ['gemba', 'continuous improvement', 'listening'],
    titles: [
      'Going to see where the work happens',
      'My {minutes} minutes a day on the floor',
      'Gemba walks outside the factory',
    ],
    how: [
      'Every day I spend {minutes} minutes where the work happens in {place}, with no agenda except to watch and ask "what got in your way today?"',
      'I carry a small notebook and write down what I see, and I do not fix anything on the spot unless it is unsafe.',
      'Once a week I pick the most common obstacle from the notebook and make it my job to remove it, then tell the {people} what I did.',
    ],
    snags: [
      'At first people thought I was checking up on them, and {colleague} asked me directly whether this was about performance; it took {weeks} weeks to build trust.',
      'I skipped the walks for most of {month} during budget season, and the team noticed; consistency matters more than duration.',
    ],
    outcomes: [
      'I removed {count}0 obstacles in a quarter, most of them small: a printer, a login, a form in {tool} nobody needed.',
      '{metric} improved by about {pct}%, but what I value more is that people now come to find me with problems.',
      'Two of my team leads now do their own walks, and we compare notebooks on {weekday}s.',
    ],
  },
  {
    name: 'managers working a front-line shift',
    tags: ['front line', 'listening', 'leadership'],
    titles: [
      'Back on the front line for a day',
      'Every manager works a shift',
      'What I relearnt doing the job again',
    ],
    how: [
      'Once a month every manager in {place}, me included, works a full shift doing the front-line job: handling {work} with the same tools and targets as everyone else.',
      'We are paired with an experienced colleague who is, for that day, our boss.',
      'At the end of the shift we write down {count} things that made the job harder than it needed to be, and we own fixing them.',
    ],
    snags: [
      'I was genuinely bad at it the first time; {colleague} had to rescue me twice, which did more for my credibility than any speech.',
      'Some managers kept finding reasons to postpone their shift, so we now publish the schedule {weeks} weeks ahead.',
    ],
    outcomes: [
      'We fixed a screen in {tool} that added about {minutes} seconds to every single case, something nobody had escalated because "that\'s just how it is".',
      'Front-line trust in management went up {pct} points in the survey.',
      'Our decisions about targets for {work} are now made by people who have recently worked to them.',
    ],
  },
  {
    name: 'shorter meetings by default',
    tags: ['meetings', 'focus time'],
    titles: [
      'Twenty-five minutes is enough',
      'We shortened every meeting',
      'Meetings that end early on purpose',
    ],
    how: [
      "We changed the default in everyone's calendar in {place}: meetings are 25 or 50 minutes, never 30 or 60.",
      'Every meeting has a written purpose in the invite, and if it has none, anyone may decline it without explanation.',
      'The last {minutes} minutes of a meeting are for decisions and owners; if we have none, the meeting was probably not needed.',
    ],
    snags: [
      'Other units kept booking us for full hours, and we could not change their calendars; {colleague} started politely leaving at 50 minutes.',
      'For a few weeks people rushed through important topics; we now book a longer slot when the agenda really needs it.',
    ],
    outcomes: [
      'We counted {count}0 hours a month back across the team, mostly used for {work}.',
      'People arrive on time now, because there are a few minutes between meetings to get there.',
      'The number of recurring meetings in {place} fell by {pct}% once every one needed a written purpose.',
    ],
  },
  {
    name: 'silent reading at the start of meetings',
    tags: ['meetings', 'decisions', 'writing'],
    titles: [
      'Meetings that start in silence',
      'Read first, then talk',
      'Replacing slides with a two-page memo',
    ],
    how: [
      'Decision meetings in {place} now start with {minutes} minutes of silent reading of a two-page memo written by whoever owns the decision.',
      'Slides are not allowed; the memo states the problem, the options and a recommendation, in full sentences.',
      'Comments are written in the margins first, and we only discuss the points with the most comments.',
    ],
    snags: [
      'Writing a good memo is hard, and the first ones were long; {colleague} now offers a half-hour review of drafts.',
      'Some people felt it was a waste of meeting time to read, until they saw how much shorter the discussion got.',
    ],
    outcomes: [
      'Our decision meetings are about {pct}% shorter, and we decide in the meeting instead of "taking it offline".',
      'Quieter {people} contribute more, because their margin comments carry the same weight as the loudest voice.',
      'The memos double as documentation; new joiners read the last {count} to understand how {work} evolved.',
    ],
  },
  {
    name: 'an improvement idea board',
    tags: ['continuous improvement', 'ideas'],
    titles: [
      'Fifty ideas and counting',
      'An idea board that actually gets answers',
      'Small improvements, every week',
    ],
    how: [
      'Anyone in {place} can pin an improvement idea to the board, and every idea gets an answer within {count} days: yes, no with a reason, or "let\'s test it".',
      "Ideas that cost less than a day's effort can be done by the person who proposed them without asking anyone.",
      'We review the board at {ritual} every {weekday} and celebrate the ideas that worked, naming who had them.',
    ],
    snags: [
      'The suggestion box we had before had died because nobody answered; people were sceptical for {weeks} weeks until they saw answers.',
      'We got too many ideas about the canteen, which we do not control; {colleague} now forwards those to facilities and tells the person.',
    ],
    outcomes: [
      'We have implemented {count}0 ideas since {month}, and together they save about {minutes} minutes per person per day.',
      'The best one came from an apprentice, who changed how we sort {work} and cut errors by {pct}%.',
      'Ideas per person went from almost none to about one a month.',
    ],
  },
  {
    name: 'a team-written onboarding checklist',
    tags: ['onboarding', 'documentation'],
    titles: [
      'The onboarding checklist the team wrote',
      'Onboarding by the people who remember it',
      'What new joiners wish we had told them',
    ],
    how: [
      'We asked the last {count} joiners to write down everything they wished they had known in their first month, and turned it into a checklist for {place}.',
      'The checklist covers the obvious (access to {tool}) and the unwritten (who to ask about {work}, where the good coffee is).',
      'Each new joiner updates the checklist at the end of their first month, so it never goes stale.',
    ],
    snags: [
      'The first version was {count} pages long and nobody read it; {colleague} cut it to one page with links.',
      'Access requests still took {weeks} weeks in some cases because they depend on IT, which the checklist could not fix.',
    ],
    outcomes: [
      'New joiners now handle their first {work} on their own about {pct}% sooner.',
      'Questions to me in the first week went from constant to a handful.',
      '{colleague2}, who joined in {month}, said it was the first time a company had felt ready for a new joiner.',
    ],
  },
  {
    name: 'peer hiring panels',
    tags: ['hiring', 'ownership'],
    titles: [
      'The team hires its own colleagues',
      'Peer interviews for every hire',
      'Why I no longer hire alone',
    ],
    how: [
      'Every candidate for {place} now meets two future peers for {minutes} minutes without a manager in the room.',
      'The peers have a real veto: if they both say no, we do not hire, whatever I think.',
      'We give candidates a small piece of real {work} to discuss with the peers, rather than a case study.',
    ],
    snags: [
      'The peers were harsher than me at first and rejected {count} good candidates; we trained them on what to look for.',
      'It slowed hiring by about a week, which hurt during the {month} peak.',
    ],
    outcomes: [
      'Nobody hired through a peer panel has left in their first year, against {count} before.',
      'New joiners settle faster because they already know two people on day one.',
      'The {people} who sat on panels say it made them think harder about what good looks like in {work}.',
    ],
  },
  {
    name: 'job rotation',
    tags: ['job rotation', 'development', 'cross-training'],
    titles: [
      'Rotating roles every quarter',
      'Job rotation inside the team',
      'Nobody stays in the same seat for a year',
    ],
    how: [
      'Every quarter {count} people in {place} swap roles for {weeks} weeks, with a handover sheet and a "hotline" to the previous holder.',
      'Rotation is voluntary, but almost everyone has now done at least one, including {colleague}, who had done the same job for eleven years.',
      'We time rotations to avoid the busy weeks for {work}.',
    ],
    snags: [
      'Productivity dipped by {pct}% in the first week of each rotation, and I had to explain that to my own manager.',
      'One rotation failed because the role needed a certification; we now check that first.',
    ],
    outcomes: [
      'People understand the whole process now, and handoffs between roles improved noticeably.',
      'Three internal promotions in {month} went to people who had rotated, because they could see the bigger picture.',
      'Boredom was the top reason for leaving in {place}; it has not come up once since.',
    ],
  },
  {
    name: 'self-organised shift swapping',
    tags: ['scheduling', 'flexibility', 'autonomy'],
    titles: [
      'Letting the team swap shifts without me',
      'Shift swaps without a manager in the loop',
      'I stopped approving shift swaps',
    ],
    how: [
      'The {people} in {place} now swap shifts among themselves on a shared board, without asking me, as long as the skills on each shift stay covered.',
      'We wrote {count} simple rules together: no more than six shifts in a row, at least one experienced person on each shift, and swaps posted {count} days ahead.',
      'I look at the board once a week, mostly to learn where the rota itself is wrong.',
    ],
    snags: [
      'One person swapped away every weekend shift, which was legal under the rules but unfair; the team raised it themselves and added a rule.',
      'Payroll in {tool} did not understand swaps at first, and {colleague} had to correct {count} payslips.',
    ],
    outcomes: [
      'Sick days on Mondays and Fridays fell by about {pct}%.',
      'I spend {minutes} minutes a week on the rota instead of most of a {weekday}.',
      'It came up in {count} job interviews as a reason candidates wanted to join.',
    ],
  },
  {
    name: 'red-amber-green wellbeing check-ins',
    tags: ['wellbeing', 'check-ins'],
    titles: ['Red, amber or green?', 'A one-word check-in that changed our mornings', 'How are you, really?'],
    how: [
      'At the start of {ritual} each person says one colour: green, amber or red, for how they are doing, with no need to explain.',
      'Anyone who says red gets a quiet check-in from me or {colleague} later that day, and that is all.',
      'We track the colours anonymously over time in {tool}, to see patterns across the team.',
    ],
    snags: [
      'Everyone said green for {weeks} weeks, which I knew was not true; it changed when I said amber myself and explained why.',
      'Some people found it intrusive, so it is now fine to say "pass".',
    ],
    outcomes: [
      'We spotted {count} people heading for burnout early, and adjusted their workload in time.',
      'The pattern showed that every {weekday} after a late peak in {work} was amber for most of the team, so we changed the schedule.',
      'Sickness absence in {place} fell by {pct}% over the year.',
    ],
  },
  {
    name: 'a weekly learning hour',
    tags: ['learning', 'knowledge sharing'],
    titles: [
      'One hour a week to learn something',
      'Our {weekday} learning hour',
      'Teaching each other, one hour at a time',
    ],
    how: [
      'Every {weekday} at 14:00 the {team} stops for an hour of learning; one colleague teaches something they know well, about {work} or anything else.',
      "Topics so far include Excel shortcuts, how {customers} see our process, and {colleague}'s guide to difficult conversations.",
      'Sessions are recorded for people on other shifts and kept in {tool}.',
    ],
    snags: [
      'Busy weeks kept eating the hour, so we made it sacred: the phones are diverted to the neighbouring team, who do the same for us on {weekday}s.',
      'Some people were nervous to teach; {colleague2} now runs a short "how to explain something" session for first-timers.',
    ],
    outcomes: [
      'We have had {count}0 sessions, given by {count}0 different people, most of whom had never presented before.',
      'Two sessions led directly to changes that cut time on {work} by about {pct}%.',
      'People from other units now ask to attend, and last month we had {count} visitors.',
    ],
  },
  {
    name: 'personal user manuals',
    tags: ['team culture', 'communication'],
    titles: [
      'A user manual for working with me',
      'How to work with me, in one page',
      "Our team's user manuals",
    ],
    how: [
      'Each person in the {team} wrote a one-page "user manual": how they like to communicate, what stresses them, what they need from others, and their quirks.',
      'I wrote mine first and shared it at {ritual}, including that I get short-tempered before {minutes}-minute deadlines.',
      'The manuals live in {tool} and new joiners read them in their first week.',
    ],
    snags: [
      'Some manuals were so polished they said nothing; the honest ones came after I shared a second, more honest version of mine.',
      '{colleague} pointed out that it felt like a personality test, so we made every question optional.',
    ],
    outcomes: [
      'Misunderstandings between the early and late shifts dropped noticeably, because people knew how to reach each other.',
      "A conflict between {colleague} and {colleague2} that had lasted {count} months was resolved once they read each other's manuals.",
      'New joiners say they felt they knew the team after {count} days rather than {count} months.',
    ],
  },
  {
    name: 'handwritten thank-you notes',
    tags: ['recognition', 'leadership'],
    titles: [
      'Writing thank-you notes by hand',
      'Three handwritten notes a week',
      'The oldest recognition tool there is',
    ],
    how: [
      'Every {weekday} I write {count} handwritten notes to people in {place}, thanking them for something specific they did that week.',
      'The rule I set myself: name the thing, name the effect, and never mention targets.',
      'I keep a list so that over a quarter everyone in the {team} gets at least one.',
    ],
    snags: [
      'I fell behind during the {month} peak and then tried to catch up with a batch of {count}0 notes, which felt mechanical; people could tell.',
      'One person found it embarrassing to receive a note in front of others, so I now leave them on desks before the shift.',
    ],
    outcomes: [
      'I still see my notes pinned up at workstations months later.',
      'In the survey, "my manager recognises good work" went up {pct} points.',
      '{colleague} told me the note came out again in a difficult week, on a day when quitting felt close.',
    ],
  },
  {
    name: 'mentoring circles',
    tags: ['mentoring', 'development'],
    titles: [
      'Mentoring circles instead of one-to-one mentors',
      'Learning in a circle of six',
      'Peer mentoring for new team leaders',
    ],
    how: [
      'New team leaders in {place} meet in circles of five or six every {weeks} weeks, with one experienced manager as a guide.',
      'Each meeting, one person brings a real problem, such as a conflict about {work}, and the others ask questions before giving any advice.',
      'What is said in the circle stays in the circle; that was the first rule, proposed by {colleague}.',
    ],
    snags: [
      'Circles with two people from the same reporting line did not work, because they could not speak freely; we mix units now.',
      'Attendance dropped in {month}, so we made the sessions shorter: {minutes} minutes instead of two hours.',
    ],
    outcomes: [
      'New team leaders say they feel less alone; {count} of them told me the circle is where they learnt the job.',
      'Escalations from new leads to their managers fell by about {pct}%.',
      'Two circles kept meeting on their own after the programme ended.',
    ],
  },
  {
    name: 'team-set quarterly goals',
    tags: ['goals', 'ownership'],
    titles: [
      'The team set its own goals',
      'Goals written by the people who do the work',
      'Our first team-written quarterly goals',
    ],
    how: [
      "Instead of cascading goals down, I shared the unit's priorities and asked the {team} to propose their own {count} goals for the quarter.",
      'Each goal has a measurable result, such as {metric}, and an owner from the team, not me.',
      'We review progress every {weeks} weeks at {ritual}, and goals can be dropped if they stop making sense.',
    ],
    snags: [
      'The team set goals that were too ambitious, and we hit only {count} of them in the first quarter.',
      'My own manager wanted the goals in the usual format, and I spent {minutes} minutes translating every month.',
    ],
    outcomes: [
      'We hit more of our goals in the second quarter than in any quarter I can remember.',
      'The {people} talk about "our goals" now, not "management\'s targets".',
      '{metric} improved {pct}%, on a goal the team picked and I would not have chosen.',
    ],
  },
  {
    name: 'open office hours',
    tags: ['availability', 'leadership'],
    titles: [
      'My door is open, on {weekday}s',
      'Office hours for a manager',
      'Fixed times when anyone can drop in',
    ],
    how: [
      'Every {weekday} from 15:00 to 16:00 I sit at a table in the middle of {place}, and anyone can come and talk about anything.',
      'I book nothing else in that hour, and if nobody comes, I do my email there.',
      'For people on other shifts, {colleague} runs a second slot on {weekday} mornings.',
    ],
    snags: [
      'Nobody came for the first {count} weeks; then the first visitor came with a complaint about {work} that turned out to be well founded.',
      'Some visitors wanted to talk about colleagues, which I handle carefully and never in public.',
    ],
    outcomes: [
      'I now hear about small problems before they become grievances.',
      'About {count} people drop by each week, and interruptions at other times dropped by {pct}%.',
      'Several fixes to {tool} came from people who would never have sent an email.',
    ],
  },
  {
    name: 'an innovation day',
    tags: ['innovation', 'ideas'],
    titles: ['One day to fix anything', 'Our first innovation day', 'Hack day outside IT'],
    how: [
      'Twice a year the whole {team} stops normal work for a day to work on an idea of their choice, in groups of three or four.',
      'Ideas are collected {weeks} weeks in advance; anyone can pitch, and people vote with their feet.',
      'At 16:00 each group shows what they made in {minutes} minutes, to the team and a few guests.',
    ],
    snags: [
      'Covering {work} for a whole day needed a deal with another unit, and we owe them a day back.',
      'Half the ideas were never finished after the day; now each one gets a sponsor who gives it a few hours a month.',
    ],
    outcomes: [
      'Three ideas from the first day are now standard practice in {place}, including a small tool for {work}.',
      'The day cost us about {count}0 hours; one idea alone saves more than that each month.',
      'Engagement scores in {month} were the highest since we started measuring.',
    ],
  },
  {
    name: 'written status updates instead of status meetings',
    tags: ['async communication', 'meetings'],
    titles: [
      'We cancelled the status meeting',
      'Status by writing, discussion by exception',
      'No more round-the-table updates',
    ],
    how: [
      'Status updates in {place} are now written: each person posts a short update in {tool} by {weekday} noon.',
      'The meeting still exists, but only for the items someone flagged as needing discussion; if nobody flags anything, it is cancelled.',
      'I read every update and reply to each person, which takes me about {minutes} minutes.',
    ],
    snags: [
      'People stopped reading each other\'s updates after a few weeks; we added a "what I need from someone" line, and reading went back up.',
      'The loss of the meeting felt lonely to some; {colleague} started a Friday coffee with no agenda.',
    ],
    outcomes: [
      'The meeting was cancelled {count} times out of the last ten, giving back an hour to {size} people each time.',
      'Updates are more precise in writing, and problems with {work} are flagged about a day earlier.',
      'The people on the late shift can finally follow what the day shift is doing.',
    ],
  },
  {
    name: 'a papercut week',
    tags: ['continuous improvement', 'tools'],
    titles: ['A week to fix the small annoyances', 'Papercut week', 'Fixing the {count}0 little things'],
    how: [
      'Once a quarter we spend a week fixing "papercuts": the small annoyances in {work} that nobody has time to fix.',
      'Anyone can add a papercut to the list in {tool}; each must be fixable in less than a day.',
      'At the end of the week we count them, and the person who fixed the most gets to choose the next team lunch.',
    ],
    snags: [
      'Some papercuts turned out to be deep problems; we learnt to move those to a proper project instead of forcing them into the week.',
      'Normal work could not stop completely, so {colleague} organised a rota for {customers}.',
    ],
    outcomes: [
      'We fixed {count}0 papercuts in the first week alone.',
      'Time spent on {work} fell by about {pct}%, mostly through many small fixes.',
      'The team says it is the week they look forward to most.',
    ],
  },
  {
    name: 'stay interviews',
    tags: ['retention', 'listening'],
    titles: ['Asking people why they stay', 'Stay interviews before exit interviews', 'What keeps you here?'],
    how: [
      'Once a year I sit down with each of my {size} {people} and ask: what keeps you here, what might make you leave, and what would you change?',
      'I take notes, share a summary back with each person, and commit to {count} changes for the whole team.',
      'The conversations are separate from performance reviews, and {colleague} from HR helped me with the questions.',
    ],
    snags: [
      'People were suspicious at first that it was a layoff exercise; timing it right after a reorganisation announcement was my mistake.',
      'Some answers were about pay, which I cannot change alone, and I had to be honest about that.',
    ],
    outcomes: [
      'Voluntary turnover in {place} fell by {pct}% over the year.',
      'Two people who were about to leave told me so in their stay interviews, and we found them different roles inside the company.',
      'The most common reason to stay was the team itself, which changed how I think about {ritual}.',
    ],
  },
  {
    name: 'appreciative meeting starts',
    tags: ['meetings', 'team culture', 'recognition'],
    titles: ['Starting every meeting with what went well', 'Good news first', 'Five minutes of what worked'],
    how: [
      '{ritual} now starts with five minutes on what went well since the last one, before we look at any problem.',
      'Each person names one thing, however small, such as a customer thanking us or a backlog of {work} finally cleared.',
      'We note the good news in {tool}, and it now fills {count} pages since {month}.',
    ],
    snags: [
      'Some weeks it felt forced, especially after a bad incident; we agreed it is fine to say "nothing this week".',
      '{colleague} worried it would hide problems, so we made sure the second item is always "what is not going well".',
    ],
    outcomes: [
      'The tone of {ritual} changed noticeably, and problems get discussed more calmly.',
      "People started recognising each other's work without prompting.",
      'Attendance at the meeting rose by {pct}%, even though it is optional for part-timers.',
    ],
  },
  {
    name: 'open calendars',
    tags: ['transparency', 'availability'],
    titles: [
      'My calendar is open to everyone',
      'Open calendars for the whole team',
      'Nothing to hide in my diary',
    ],
    how: [
      'I made my calendar fully visible to everyone in {place}, with only medical and HR appointments marked private.',
      'The {team} followed, and we now book time with each other directly instead of asking "when are you free?"',
      'Anyone can see how I spend my time, including how much of it goes to meetings about {work}.',
    ],
    snags: [
      'People could see that I spent {pct}% of my week in meetings with other managers, which led to some uncomfortable questions.',
      'A few colleagues were uneasy about showing their calendars; {colleague} made it clear it was optional.',
    ],
    outcomes: [
      "I changed my own week after seeing it through the team's eyes, and now spend {count} more hours a week with the {people}.",
      'Scheduling emails in the team almost disappeared.',
      'The team says they trust management decisions more when they can see who we meet.',
    ],
  },
  {
    name: 'end-of-shift learning minutes',
    tags: ['learning', 'shift work', 'handover'],
    titles: [
      'Five minutes at the end of every shift',
      'What did we learn today?',
      'Turning the handover into a lesson',
    ],
    how: [
      'At the end of every shift the outgoing {team} spends five minutes on one question: what did we learn today that the next shift should know?',
      'The answers go onto a card at {place}, and {ritual} starts by reading the last card.',
      'Once a month we sort the cards and turn the recurring ones into changes in {tool} or our instructions.',
    ],
    snags: [
      'People were tired at the end of the shift and the five minutes became one; we moved it before the last break.',
      'Cards got lost for the first {weeks} weeks until {colleague} put up a proper box.',
    ],
    outcomes: [
      'The same mistakes on {work} repeat much less, by our count about {pct}% fewer repeats.',
      'We have changed {count}0 instructions since {month} based on the cards.',
      'The night shift feels more connected to the day shift.',
    ],
  },
  {
    name: 'customer thank-you sharing',
    tags: ['customers', 'recognition', 'purpose'],
    titles: [
      'Reading customer thank-yous aloud',
      'Letting the team hear from customers',
      'The letters we pin to the wall',
    ],
    how: [
      'Every week we pick the best message from {customers} about our work and read it aloud at {ritual}.',
      'If it names someone, they get a copy; if it is a complaint that we turned around, we read that too.',
      'We keep the messages in {tool}, and {colleague} sends a monthly digest to the whole of {place}.',
    ],
    snags: [
      'Some weeks there were no positive messages at all, which was its own useful signal.',
      'We accidentally read one out that contained personal details; now {colleague2} checks them first.',
    ],
    outcomes: [
      'The team understands better how {work} affects real people, and it shows in how they talk to {customers}.',
      'Complaints fell by {pct}% over the year, though many things changed at once.',
      'New joiners say the messages are what made the job make sense to them.',
    ],
  },
];

/** Situations a story opens with; `{practice}` names the theme. */
export const OPENINGS: readonly string[] = [
  'In {month} my {team} of {size} in {place} was tired, and it showed in {metric}.',
  'I have led a {team} in {place} for {count} years, and I thought I knew how to run a team until last {month}.',
  'Our engagement survey in {month} came back with one comment I could not shake: "nobody here asks us anything". That was my {team} in {place}, {size} people.',
  '{colleague} from another unit told me about {practice} over coffee in {month}, and I was sceptical.',
  'Last {month} we lost two experienced {people} in {count} weeks, and the exit conversations said the same thing.',
  'When I took over the {team} in {place} in {month}, {metric} was the only thing anyone talked about.',
  'This is not only a success story: it is what happened when {size} {people} in {place} tried {practice} for {weeks} weeks.',
  'Every manager in {place} knows the problem: too many {work}, too little time to think about how we handle them.',
  'I wanted to write this down before I forget the details, because {colleague} keeps asking me how we started {practice}.',
  'Short version: we tried {practice} in {place}, {weeks} weeks ago, and I would do it again, with changes.',
  '{ritual} had become a ritual in the worst sense: {size} people, {minutes} minutes, nothing decided.',
  'After a rough quarter in {place}, with {metric} going the wrong way, I asked the team in {month} what one thing we should change.',
  'Three of my {people} came to me on the same {weekday} in {month} with the same complaint.',
  "I'm writing this on a {weekday} evening after {weeks} weeks of {practice} with my {team}.",
  'Can a {team} of {size} {people} change how it works without a big programme? That was my question in {month}.',
  'A new joiner in {place} asked me in {month} why we did things the way we did, and I had no good answer.',
  'Some context first: {place} runs on {work}, and for the {size} of us the pressure never really stops.',
  'I resisted {practice} for a long time; {colleague2} finally talked me into trying it in {month}.',
  'Nobody asked me to change anything; in {month} I simply ran out of patience with how {work} were going.',
  "A quick one from {place}, because several of you asked after the managers' call in {month}.",
  'Our {metric} figures were fine on paper, but the mood in the {team} was not, and {colleague} was the first to say so.',
  'For {weeks} weeks now we have been running an experiment in {place}, and it is time to write it up honestly.',
  'I am a sceptic by nature, so when {practice} came up at the {month} leadership day, I rolled my eyes.',
  'Background: {size} {people}, three shifts, and a manager (me) who was spending most of the week in meetings.',
  'If you had told me in {month} that {practice} would be the thing my {people} talk about, I would have laughed.',
  'It started with an exit interview in {month}, when {colleague} was leaving and said the reason out loud.',
  'When {colleague2} joined my {team} from another company, the first question was: "why do you do it like this?"',
  'I owe this one to my {people} in {place}: it was their idea, I only got out of the way.',
];

/** What the author would do differently, or tells the reader. */
export const REFLECTIONS: readonly string[] = [
  'If I started again, I would involve the {people} in the design from day one instead of presenting it at {ritual}.',
  'What I would do differently: start with {count} volunteers, not the whole team of {size}.',
  'My advice: give it at least {weeks} weeks before judging it; the first month in {place} felt worse, not better.',
  'The lesson for me as a manager was to say less at {ritual} and ask more.',
  'I underestimated how much it depended on me keeping it going; by week {weeks} I had to hand it over to {colleague}.',
  'Next time I would measure {metric} before we start, so the debate is about data rather than feelings.',
  'Happy to talk to anyone who wants to try {practice} — {colleague} and I can show you our notes from {place}.',
  'I would not force this on a team in crisis; we had the luxury of a calm {month}.',
  'I would do it again, but with the ground rules written down on day one; we wasted {count} weeks arguing about them.',
  'What I would tell my younger self: the {people} already knew what was wrong with {work}; my job was to make room for them to fix it.',
  'If you try this in a team bigger than {size}, split it; ours only worked because everyone knew each other.',
  'I wish I had told {customers} what we were doing earlier; they noticed the change before we explained it.',
  'We will review it again in {weeks} weeks, and I have asked {colleague} to hold me to that.',
  'Ask me in {weeks} weeks whether it stuck. For now, {practice} is the best thing we changed this year in {place}.',
  'One caution: it costs me about {minutes} minutes a week that I had not planned for, and that time has to come from somewhere.',
  'Do not copy our version of {practice} exactly; copy the question behind it and let your {people} answer it.',
  'The hardest part was not the practice itself but keeping it alive through the {month} peak; {colleague2} did most of that.',
  'Looking back, I should have asked {colleague} for help much earlier instead of trying to do it all from my desk in {place}.',
];

/** Titles that work for any theme. */
export const GENERIC_TITLES: readonly string[] = [
  '{practice}: {weeks} weeks in',
  'What {practice} did for our {team}',
  'An honest update on {practice} from {place}',
  'We tried {practice}. Here is what happened',
  '{practice}, and what I got wrong',
  'Lessons from {weeks} weeks of {practice}',
  '{practice} in {place}: notes for other managers',
];

/** Comments by colleagues; `{myPlace}` is the commenter's own unit. */
export const COMMENTS: readonly string[] = [
  'We tried this in {myPlace} — the hardest part was keeping it going after the first {count} weeks.',
  'Thanks {authorFirst}, sharing this with my {myTeam} today.',
  'How did you handle people on part-time contracts? That is our sticking point in {myPlace}.',
  'Love the honesty about what went wrong. More stories like this please.',
  'Did {metric} really move that much, or was part of it seasonal?',
  'Stealing this for our {weekday} meeting. Will report back.',
  'We did something similar two years ago and let it die quietly. Reading this makes me want to restart it.',
  'Great story. Would you be up for a 20-minute call with a couple of us from {myPlace}?',
  'The point about starting with volunteers is so true.',
  'Our {myPeople} would push back on this at first, I think, but the results speak for themselves.',
  'Bookmarking this. {authorFirst}, did you need approval from above, or just do it?',
  'This is exactly what we discussed at the leadership offsite — nice to see it working for real.',
  'We started this in {myPlace} last month. Two weeks in and already fewer fires.',
  'Curious what your {people} said about it after a month?',
  'Simple and brilliant. Why did we not think of this?',
  'I shared this with {count} other team leads — we are going to try a version of it.',
  'One thing that helped us: write the rules on one page and pin them up.',
  'Respect for sharing the numbers, not just the good feeling.',
  'We tried it and dropped it after {count} weeks, mostly because of shift patterns. Your version might fix that.',
  'Really useful, {authorFirst}. Any template you could share?',
  'This resonates. In {myPlace} we have the same issue with {myPeople} feeling unheard.',
  'Would love to hear an update in three months.',
  'Came here from the newsletter. Great read.',
  'Small change, big effect. Thank you for writing it up.',
];

/** Notes members leave when they start trying a practice. */
export const ADOPTION_NOTES: readonly string[] = [
  'Starting with my {myTeam} on {weekday}.',
  'Trying this for {count} weeks with volunteers first.',
  'Piloting in {myPlace} with {count} people.',
  'Adapting it for shift work — will share what we learn.',
  'Agreed with the team at our last meeting. Day one is next {weekday}.',
  'Our version: smaller, and only for the {myPeople} who want it.',
  'Trying it because our survey said the same thing.',
  'Pairing up with a colleague from {myPlace} to try this together.',
  'Running it for a quarter, then we decide.',
  'Inspired by {authorFirst}. Starting small.',
];

export interface PlantedPractice {
  /** As said mid-sentence, like a theme's name. */
  name: string;
  /** Where it starts, by unit slug, and where it spreads to. */
  originUnit: string;
  spreadUnits: readonly string[];
  tags: readonly string[];
  originTitle: string;
  /** The origin story, told by the first team. */
  originBody: string;
  /** Titles of the retellings by other units. */
  retellingTitles: readonly string[];
  /** Openings of retellings; `{originAuthor}` names who told it first. */
  retellingOpenings: readonly string[];
  /** The practice itself in shared words: retellings use most of these, which is what makes them similar. */
  core: readonly string[];
  retellingOutcomes: readonly string[];
}

export const PLANTED_PRACTICES: readonly PlantedPractice[] = [
  {
    name: 'self-managed crews',
    originUnit: 'manufacturing-plant-lyon',
    spreadUnits: ['logistics', 'it-infrastructure', 'customer-service-centre', 'claims', 'retail-banking'],
    tags: ['self-managed teams', 'autonomy', 'maintenance'],
    originTitle: 'Our maintenance crews now run themselves',
    originBody:
      'In {month} we stopped assigning a shift supervisor to the maintenance crews at the Lyon plant. ' +
      'For years every repair went through one person: the supervisor read the breakdown reports, decided the order, ' +
      'and handed out the jobs at the 06:00 handover. When he was off, repairs waited.\n\n' +
      'Now each crew of five or six plans its own work. They meet at the downtime board for fifteen minutes at the start ' +
      'of the shift, agree the priorities with the line leaders, and decide among themselves who takes which repair. ' +
      'The crew owns the repair queue, the spare-parts orders up to 2,000 euros, and the weekly review of downtime figures.\n\n' +
      'It was messy for the first month. Two crews argued about who owned the press line, and one crew ordered the same ' +
      'bearing twice. We fixed that with a single shared queue and a rule that the crew on shift owns everything on it.\n\n' +
      'After ten weeks, the average wait for a repair went from 4.1 hours to 1.7, unplanned downtime on line 3 fell by 38%, ' +
      'and nobody has asked for the supervisor role back. The former supervisor now coaches the crews on planning and ' +
      'says it is the best job he has had here. If I did it again, I would hand over the spare-parts budget on day one ' +
      'instead of week six: that was the moment the crews started to behave like owners.',
    retellingTitles: [
      'Self-managed crews, our version',
      'We copied the Lyon maintenance crews',
      'Letting the team plan its own work',
      'No supervisor handing out the work any more',
      'Self-managed teams outside the plant',
    ],
    retellingOpenings: [
      "I read {originAuthor}'s story about the self-managed maintenance crews at the Lyon plant and decided to try it in {place}.",
      'Inspired by the Lyon maintenance crews that run themselves, we tried the same thing with our {team} in {place} {weeks} weeks ago.',
      'After a call with {originAuthor} about the Lyon crews, our {people} in {place} asked whether they could manage themselves too.',
    ],
    core: [
      'We stopped having a supervisor hand out the work every morning.',
      'The {team} now plans its own work at the start of the shift, sets its own priorities and decides who takes which job.',
      'Like the Lyon crews, the team owns the queue of {work} and holds a weekly review of its own figures.',
      'The former supervisor became a coach for the team rather than the person who assigns jobs.',
      'The first month was messy: two people took the same job twice and an urgent case waited, so we moved to one shared queue owned by whoever is on shift.',
      'We gave the team its own small budget from week one, which Lyon said they wished they had done sooner.',
      'Decisions that used to wait for a supervisor now happen on the spot, where the work is.',
    ],
    retellingOutcomes: [
      'After {weeks} weeks, waiting time on {work} is down by {pct}% and nobody wants the old way back.',
      '{metric} improved by about {pct}%, and the {people} say they finally own their work.',
      'It is early days, but escalations to me have fallen by {pct}% and the team planned the whole {month} peak on its own.',
    ],
  },
  {
    name: 'the customer listening hour',
    originUnit: 'customer-service-centre',
    spreadUnits: ['claims', 'marketing', 'it-infrastructure', 'field-sales-north'],
    tags: ['customer listening', 'customers'],
    originTitle: 'One hour a week listening to customer calls',
    originBody:
      'Every Thursday at 10:00, anyone in the customer service centre who does not take calls for a living, from team ' +
      'leads to the planning team, puts on a second headset and sits next to an agent for one hour. No laptop, no fixing, ' +
      'no coaching the agent. Just listening to customer calls.\n\n' +
      'Afterwards each listener writes down three things that surprised them on a card, and we read the cards at the ' +
      'Friday briefing. In the first six weeks we collected 140 cards. The same five problems came up again and again: ' +
      'a confusing letter about direct debits, a password reset that takes four steps, and customers being transferred ' +
      'twice before reaching the right team.\n\n' +
      'What went wrong: the first listening hours clashed with the morning peak, and agents felt watched. We moved the ' +
      "hour to 10:00, after the peak, and made it clear that listeners never comment on the agent's handling.\n\n" +
      'The direct-debit letter has been rewritten, which alone removed about 900 calls a month. Average handling time is ' +
      'down 6%, and the agents say they finally feel that people upstairs understand their day. I would start with the ' +
      'managers first next time; when the site director came to listen, everyone else followed.',
    retellingTitles: [
      'Our customer listening hour',
      'Listening to customer calls, every week',
      'An hour with a headset on',
      'What we heard when we listened to customer calls',
    ],
    retellingOpenings: [
      'After reading about the customer-call listening hour in the customer service centre, {size} of us from {place} booked a slot.',
      "{originAuthor}'s listening hour story made me realise most of my {people} had never heard a customer call.",
      'We borrowed the listening hour from the customer service centre {weeks} weeks ago, and I want to share what {place} heard.',
    ],
    core: [
      'Once a week, people who never take calls sit next to an agent for one hour with a second headset and just listen to customer calls.',
      'No laptop, no fixing, no coaching the agent: only listening.',
      'Afterwards each listener writes down three things that surprised them on a card, and we read the cards together at {ritual}.',
      'The same few problems come up again and again in the calls, and most of them are caused upstream by people like us.',
      'We schedule the listening hour after the morning peak, so the agents do not feel watched.',
      'Hearing a frustrated customer explain our own process back to us changes how you think about {work}.',
    ],
    retellingOutcomes: [
      'We have already changed {count} things in {work} because of what we heard, and {metric} is moving.',
      'The cards from {weeks} weeks of listening are now the first item of {ritual}, and {pct}% of the team has taken part.',
      'Two of the problems we heard about are fixed, and the agents sent us a thank-you note, which has never happened before.',
    ],
  },
  {
    name: 'a stop-doing list',
    originUnit: 'group-finance',
    spreadUnits: [
      'hr-shared-services',
      'it-infrastructure',
      'marketing',
      'logistics',
      'claims',
      'retail-banking',
    ],
    tags: ['stop doing', 'prioritisation', 'meetings'],
    originTitle: 'Our quarterly stop-doing list',
    originBody:
      'Group finance produces a lot of things nobody asked for recently. In {month} we counted 47 recurring reports, ' +
      '12 recurring meetings and a long tail of "we always send this on the third working day" tasks.\n\n' +
      'So once a quarter we now hold a stop-doing session. We list every recurring report, meeting and task on the wall, ' +
      'and each person gets five red dots to vote on what we should stop. Anything that nobody defends is stopped for a ' +
      'quarter. If nobody misses it in that quarter, it is gone for good; if someone complains, we ask them what they use ' +
      'it for and usually find a smaller version.\n\n' +
      'The first list stopped 14 reports and 3 meetings. Only two complaints came back, both from the same controller, ' +
      'and one of those reports came back as a half-page summary. The month-end close went from nine days to seven, ' +
      'mostly from the time we no longer spend on reports.\n\n' +
      'My mistake: I put my own favourite report on the protected list without telling anyone. The team found out and ' +
      'voted it off the next quarter, and they were right. Nothing is protected now, including my weekly summary.',
    retellingTitles: [
      'Our first stop-doing list',
      'A quarterly stop-doing list, our version',
      'What we stopped doing this quarter',
      'Stopping things on purpose',
      'Red dots and the reports nobody reads',
      'The stop-doing session',
    ],
    retellingOpenings: [
      'We borrowed the quarterly stop-doing list from group finance and ran our first session in {place} last {weekday}.',
      "Reading {originAuthor}'s stop-doing list story, I realised how many recurring tasks in {place} nobody had questioned for years.",
      'Group finance showed us their stop-doing list at a cross-unit meeting, and {size} of us in {place} tried it {weeks} weeks ago.',
    ],
    core: [
      'Once a quarter we list every recurring report, meeting and task on the wall, and each person gets five red dots to vote on what to stop.',
      'Anything that nobody defends is stopped for a quarter; if nobody misses it, it is gone for good.',
      'If someone complains that a stopped report is missing, we ask what they use it for and usually find a smaller version.',
      "Nothing is protected, not even the manager's favourite report.",
      'Our first stop-doing list stopped {count} recurring reports and meetings.',
      'The time we no longer spend on reports and meetings nobody reads goes back into {work}.',
    ],
    retellingOutcomes: [
      'Only one complaint came back in {weeks} weeks, and {metric} improved by {pct}% with the time we freed.',
      'We freed about {count} hours a week per person, and the {people} asked to run the next session themselves.',
      'The {ritual} is now {minutes} minutes shorter, and nobody has missed what we stopped.',
    ],
  },
];

/** The decoy popular inside one unit only: a branch's own celebration, of no use elsewhere. */
export const SINGLE_UNIT_DECOY = {
  unit: 'retail-banking',
  title: 'Riverside branch: 100 days without a complaint',
  tags: ['recognition', 'team culture'],
  body:
    'Yesterday the Riverside branch reached 100 days without a single customer complaint, the first time any branch in ' +
    "the region has done it. I want to thank every one of the eleven advisers and the two cashiers by name at Monday's " +
    'huddle, but I also want to put it on record here.\n\n' +
    'Nothing magic happened. We changed the appointment reminders so customers get a text the day before, we stopped ' +
    'booking mortgage appointments back to back, and Daniel took over the queue at the counter during lunch hours so ' +
    'nobody waits more than ten minutes. Most of all, the team covered for each other during the renovation in {month}, ' +
    'when we worked from the portable office in the car park for three weeks.\n\n' +
    'Cake is on me on Friday. Old Market and Northgate: the bar is now at 100 days.',
};

/** The decoy of one author posting near-copies of the same story within two weeks. */
export const NEAR_COPY_DECOY = {
  unit: 'field-sales-north',
  titles: [
    'Win-room Fridays',
    'Win-room Fridays (update)',
    'Why Win-room Fridays work',
    'Win-room Fridays: still going strong',
    'Reminder: Win-room Fridays',
  ],
  tags: ['sales', 'recognition'],
  body:
    'Every Friday at 16:00 the northern sales team gathers in the win room, in person or on the call, and each account ' +
    'manager shares one deal they won or moved forward that week. {count} minutes, no slides, and the best story gets ' +
    'the trophy for a week. Our pipeline conversion is up and morale has never been better. ' +
    'Every region should do this. {closing}',
  closings: [
    'Ask me how to start.',
    'Happy to share the format.',
    'Still the highlight of my week.',
    'Seriously, try it.',
    'Come and visit us on a Friday.',
  ],
};

/** The curator's amplification of the first planted practice, and the CEO's comment that follows it. */
export const AMPLIFICATION_TEXT = {
  headline: "Lyon's self-managed maintenance crews halved the wait for repairs — and the idea is spreading",
  summary:
    'Maintenance crews at the Lyon plant plan their own work without a supervisor handing out jobs. Repairs wait 1.7 ' +
    'hours instead of 4.1, and teams in logistics, IT and the service centre have tried their own versions in the past ' +
    'month. Read how they did it, what went wrong, and who to talk to.',
  executiveComment:
    'Timely. This is exactly the kind of ownership we talked about at the leadership forum, and it came from the ' +
    'people doing the work. Thank you {authorFirst} and the Lyon crews. I would like every site lead to read this and ' +
    'talk to someone who has tried it.',
};
