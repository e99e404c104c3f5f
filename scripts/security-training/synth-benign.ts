// Benign student prompts. Deliberately full of the words attacks also use (ignore, system, instructions,
// act, pretend, role, prompt, rules, mode, override, script, HTML, decode, from now on) in their everyday
// senses, so neither the rules nor the classifier learn "this word means attack".
import { T, cap, int, maybe, noise, pick, type Rng, type Template } from './synth-lib.js';

const NAMES = ['Tom', 'Maria', 'Aisha', 'Kenji', 'Lucas', 'Priya', 'Omar', 'Sofia', 'Liam', 'Mei', 'Carlos', 'Hannah', 'Dan', 'Grace', 'Ivan', 'Zara', 'Noah', 'Elena', 'Sam', 'Fatima', 'Ben', 'Chloe'];
const ITEMS = ['apples', 'marbles', 'stickers', 'pencils', 'cupcakes', 'books', 'seashells', 'baseball cards', 'cookies', 'flowers', 'eggs', 'toy cars'];
const SCI = ['photosynthesis', 'mitosis', 'meiosis', "Newton's second law", 'the water cycle', 'plate tectonics', 'osmosis', 'the greenhouse effect', 'DNA replication', 'electric circuits', 'the periodic table', 'chemical bonding', 'natural selection', 'the immune system', 'black holes', 'sound waves', 'refraction of light', 'enzymes', 'acids and bases', 'the carbon cycle', 'kinetic energy', 'cell respiration'];
const HIST = ['the French Revolution', 'World War I', 'the fall of the Roman Empire', 'the Industrial Revolution', 'the Cold War', 'the Renaissance', 'the American civil rights movement', 'the Meiji Restoration', 'the Tang dynasty', 'the Silk Road', 'the printing press', 'ancient Egypt', 'the Reformation', 'decolonisation in Africa'];
const LIT = ['Romeo and Juliet', 'To Kill a Mockingbird', 'Animal Farm', '1984', 'The Great Gatsby', 'Macbeth', 'Pride and Prejudice', 'The Odyssey', 'Of Mice and Men', 'Hamlet'];
const LANGS = ['Python', 'JavaScript', 'Java', 'C++', 'TypeScript', 'C#', 'Go', 'Rust'];
const SUBJECTS = [...SCI, ...HIST, 'fractions', 'the quadratic formula', 'Pythagoras theorem', 'probability', 'linear equations', 'the past perfect tense', 'French verb conjugation', 'essay structure'];
const FRAMES = ['Can you explain {t}?', 'What is the main idea of {t}?', 'Explain {t} to a seven-year-old.', 'Give me three key facts about {t}.', 'Test me on {t}, one question at a time.', 'List the key points of {t} briefly.', 'I have a test on {t} tomorrow, what should I focus on?', 'Why is {t} important?', 'Make flashcards about {t}.', 'What are common mistakes students make with {t}?', 'How would you teach {t} to a beginner?', 'Help me write a paragraph about {t}.'];

const mathWordProblems: ((r: Rng) => string)[] = [
  (r) => { const a = int(r, 3, 60), b = int(r, 2, 20), n = pick(r, NAMES), i = pick(r, ITEMS); return `${n} has ${a} ${i}. ${pick(r, NAMES)} gives ${n} ${b} more, and then ${n} gives away ${int(r, 1, a)}. How many ${i} does ${n} have now?`; },
  (r) => { const p = int(r, 2, 40), q = int(r, 2, 12); return `A ${pick(r, ['shirt', 'book', 'ticket', 'pizza', 'notebook'])} costs $${p}. ${pick(r, NAMES)} buys ${q} of them and pays with a $${p * q + int(r, 1, 50)} bill. How much change does ${pick(r, ['she', 'he', 'they'])} get?`; },
  (r) => `A train travels ${int(r, 40, 120)} miles per hour for ${int(r, 2, 9)} hours and then ${int(r, 30, 90)} miles per hour for ${int(r, 1, 5)} hours. What is the total distance it travels?`,
  (r) => `${pick(r, NAMES)} reads ${int(r, 5, 40)} pages every day. The book has ${int(r, 150, 600)} pages. How many days will it take to finish the book?`,
  (r) => `A rectangle has a length of ${int(r, 3, 30)} cm and a width of ${int(r, 2, 20)} cm. What are its area and perimeter?`,
  (r) => `In a class of ${int(r, 20, 40)} students, ${int(r, 10, 80)}% play soccer and the rest play basketball. How many students play basketball?`,
  (r) => `${pick(r, NAMES)} earns $${int(r, 8, 30)} an hour and works ${int(r, 10, 40)} hours a week. If ${pick(r, ['she', 'he'])} saves a quarter of it, how much is saved after ${int(r, 2, 12)} weeks?`,
  (r) => `A baker makes ${int(r, 4, 20)} trays of muffins with ${int(r, 6, 24)} muffins on each tray. ${int(r, 10, 60)} muffins are sold in the morning. How many are left?`,
  (r) => `The temperature was ${int(r, -10, 15)} degrees in the morning and rose by ${int(r, 2, 20)} degrees by noon, then fell ${int(r, 1, 10)} degrees by evening. What was the evening temperature?`,
  (r) => `${pick(r, NAMES)} and ${pick(r, NAMES)} share ${int(r, 20, 200)} ${pick(r, ITEMS)} in the ratio ${int(r, 1, 5)}:${int(r, 1, 5)}. How many does each get?`,
];
const mathDirect: ((r: Rng) => string)[] = [
  (r) => `Differentiate f(x) = ${pick(r, ['x^2', 'e^x', 'ln(x)', 'x^3'])} * ${pick(r, ['cos(x)', '(x+1)', '3x'])} using the product rule.`,
  (r) => `Solve for x: ${int(r, 2, 9)}x + ${int(r, 1, 20)} = ${int(r, 21, 90)}`,
  (r) => `What is ${int(r, 5, 95)}% of ${int(r, 20, 900)}?`,
  (r) => `Can you factor x^2 + ${int(r, 2, 12)}x + ${int(r, 1, 30)} step by step?`,
  (r) => `How do I add ${int(r, 1, 9)}/${int(r, 2, 12)} and ${int(r, 1, 9)}/${int(r, 2, 12)}?`,
  (r) => `Solve the simultaneous equations ${int(r, 2, 6)}a + b = ${int(r, 5, 40)} and a - b = ${int(r, 1, 9)}.`,
  (r) => `If I roll two dice, what is the probability that the sum is ${int(r, 2, 12)}?`,
  (r) => `Find cos(a) if sin(a) = 0.${int(r, 1, 9)} and a is in the first quadrant.`,
  (r) => `Is ${int(r, 50, 999)} a prime number? How do I check quickly?`,
  (r) => `Why is the square root of ${pick(r, ['3', '5', '7'])} irrational? Walk me through the proof by contradiction.`,
];

// Everyday senses of attack vocabulary. (Worded independently of the evaluation sets: concepts, not copies.)
const tricky: ((r: Rng) => string)[] = [
  (r) => `Is there a way to make ${pick(r, LANGS)} ignore ${pick(r, ['capital letters', 'trailing spaces', 'accents', 'comment lines'])} while ${pick(r, ['sorting names', 'searching a text file', 'checking a password match'])}?`,
  (r) => `git keeps tracking my ${pick(r, ['node_modules folder', 'build directory', '.env file'])}. How do I make it ignore that?`,
  (r) => `${pick(r, ['Ms. Lee', 'Mr. Okafor', 'Our tutor', 'The professor'])} said we can ignore ${pick(r, ['problem 4 on the handout', 'the old answer key', 'chapter 6 for now', 'the optional reading'])} since ${pick(r, ['the numbers were misprinted', 'it is not on the exam', 'it was from last year'])}. Could you help me with ${pick(r, SUBJECTS)} instead?`,
  (r) => `Oops, my last message had a mistake, just disregard it. ${pick(r, FRAMES).replace('{t}', pick(r, SUBJECTS))}`,
  (r) => `Forget what I said about ${pick(r, SUBJECTS)}, I actually need help with ${pick(r, SUBJECTS)}.`,
  (r) => `Which instructions did ${pick(r, ['mission control give the Apollo 13 crew', 'the captain give before the storm', 'Lincoln send to Grant in 1864'])}? It's for a report.`,
  (r) => `Can you walk me through the rules of ${pick(r, ['cricket', 'sudoku', 'the spelling bee', 'water polo', 'a Model UN debate'])}?`,
  (r) => `What role do ${pick(r, ['enzymes', 'ribosomes', 'the courts', 'central banks', 'decomposers'])} play in ${pick(r, ['digestion', 'protein synthesis', 'a democracy', 'the economy', 'a food web'])}?`,
  (r) => `Could you be my ${pick(r, ['German', 'Italian', 'English', 'Mandarin'])} speaking partner? Let's chat about ${pick(r, ['hobbies', 'the weekend', 'food', 'school'])}.`,
  (r) => `For my presentation, pretend to be ${pick(r, ['Marie Curie', 'a medieval knight', 'Cleopatra', 'a deep-sea diver', 'Leonardo da Vinci'])} explaining ${pick(r, [...SCI, ...HIST])} to visitors.`,
  (r) => `Let's role-play a ${pick(r, ['job interview', 'shop visit in Paris', 'doctor appointment', 'hotel check-in'])} so I can practise my ${pick(r, ['French', 'Spanish', 'English', 'Italian'])}. You play the ${pick(r, ['interviewer', 'shopkeeper', 'doctor', 'receptionist'])}.`,
  (r) => `You are now my ${pick(r, ['chemistry', 'piano theory', 'geometry', 'biology'])} coach. From now on, please ${pick(r, ['ask me one question at a time', 'explain every step', 'keep answers short', 'give hints before answers'])}.`,
  (r) => `From now on, ${pick(r, ['answer in Spanish please', 'call me Alex', 'use simpler words', 'give me hints instead of answers'])}. ${pick(r, FRAMES).replace('{t}', pick(r, SUBJECTS))}`,
  (r) => `My English teacher gave us the prompt "${pick(r, ['a place that changed you', 'the best invention ever', 'a hard decision'])}". How should I start my essay?`,
  (r) => `Give me a creative writing prompt about ${pick(r, ['a lost dog', 'time travel', 'a rainy city', 'friendship', 'the ocean'])}.`,
  (r) => `How does the ${pick(r, ['nervous system', 'solar system', 'digestive system', 'respiratory system', 'endocrine system'])} ${pick(r, ['work', 'develop', 'stay balanced'])}?`,
  (r) => `How do I solve this system: ${int(r, 2, 5)}x + y = ${int(r, 5, 30)} and x - ${int(r, 2, 4)}y = ${int(r, 1, 9)}?`,
  (r) => `How do I override ${pick(r, ['toString', 'equals', 'a parent method', 'the constructor'])} in ${pick(r, ['Java', 'C#', 'Python', 'Kotlin'])}?`,
  (r) => `How do I enable developer mode on my ${pick(r, ['Android phone', 'Chromebook', 'laptop'])} to test my app?`,
  (r) => `My phone shows 'Developer options'. Is it safe to switch ${pick(r, ['USB debugging', 'them'])} on for a school project?`,
  (r) => `For my web security homework: how does ${pick(r, ['output encoding', 'a content security policy', 'input validation'])} stop cross-site scripting?`,
  (r) => `Why should I never put user input straight into ${pick(r, ['innerHTML', 'eval()', 'a SQL string'])}?`,
  (r) => `How do I center an <img> inside a <div> with CSS?`,
  (r) => `Why do screen readers need alt text on images in HTML?`,
  (r) => `What's the difference between <script async> and <script defer> when loading ${pick(r, ['a library', 'analytics', 'my main.js file'])}?`,
  (r) => `My button <button onclick="${pick(r, ['showAnswer()', 'addItem()', 'toggleMenu()'])}">Go</button> does nothing when I click it. What could be wrong?`,
  (r) => `How do parameterized queries protect a website from SQL injection?`,
  (r) => `Why is running DELETE without a WHERE clause dangerous in SQL?`,
  (r) => `What does base64 do to the word '${pick(r, ['cat', 'sun', 'math', 'tree'])}'? Show the encoding steps.`,
  (r) => `Explain the ${pick(r, ['Caesar cipher', 'rot13 cipher', 'Vigenere cipher'])} with an example word.`,
  (r) => `What is 0x${int(r, 16, 255).toString(16).toUpperCase()} in decimal, and how do I convert hex by hand?`,
  (r) => `Could you go over that last ${pick(r, ['step', 'example', 'proof'])} again, ${pick(r, ['more slowly', 'with smaller numbers', 'using a diagram'])}?`,
  (r) => `Can you show me your working for ${pick(r, ['the last problem', 'question 2', 'that integral'])}?`,
  (r) => `Our lab sheet's instructions say to ${pick(r, ['rinse the burette twice', 'record the temperature every minute', 'zero the balance first'])}. Why is that step needed?`,
  (r) => `I got locked out of my ${pick(r, ['school portal', 'library account'])}. What are the usual steps to get access back?`,
  (r) => `What permissions does a ${pick(r, ['guest', 'regular'])} user have compared to an admin in ${pick(r, ['Linux', 'Google Classroom', 'a MySQL database'])}?`,
  (r) => `What is heart bypass surgery and why is it done?`,
  (r) => `How do ${pick(r, ['coffee filters', 'spam filters', 'low-pass filters', 'water filters'])} work?`,
  (r) => `How do I filter a list of ${pick(r, ['numbers', 'names', 'objects'])} in ${pick(r, LANGS)}?`,
  (r) => `Write a ${pick(r, ['short poem', 'limerick', 'short story'])} about ${pick(r, ['a robot who learns to paint', 'the moon', 'a detective cat', 'my first day of school'])}.`,
  (r) => `Write a short dialogue between ${pick(r, ['Newton', 'Darwin', 'Ada Lovelace', 'Galileo'])} and ${pick(r, ['Aristotle', 'Tesla', 'Hypatia'])} about ${pick(r, SCI)}.`,
  (r) => `What would happen if ${pick(r, ['gravity were twice as strong', 'the moon disappeared', 'the Earth stopped spinning', 'there were no bees'])}?`,
  (r) => `Can you stay in character as ${pick(r, ['Abraham Lincoln', 'Cleopatra', 'a Roman senator'])} while I interview you for my history project?`,
  (r) => `What are the rules for ${pick(r, ['using semicolons', 'subject-verb agreement', 'significant figures', 'the subjunctive in Spanish'])}? I always mix them up.`,
  (r) => `The school changed the ${pick(r, ['dress code', 'phone'])} rules, so from now on ${pick(r, ['we wear uniforms', 'phones stay in lockers'])}. Help me write a persuasive essay about it.`,
  (r) => `What is the secret to ${pick(r, ['memorizing vocabulary', 'solving a Rubik cube', 'writing a strong conclusion'])}?`,
  (r) => `Why did some merchants evade taxes during ${pick(r, HIST)}?`,
  (r) => `Any tips for staying focused when revising for ${pick(r, ['finals', 'my SATs', 'a chemistry test'])}?`,
  (r) => `What does the ${pick(r, ['input()', 'prompt()', 'system()', 'exec()'])} function do in ${pick(r, ['Python', 'JavaScript', 'C'])}?`,
  (r) => `How do I prompt the user to enter ${pick(r, ['their age', 'a number', 'a file name'])} in ${pick(r, LANGS)}?`,
  (r) => `What is a system prompt in an AI chatbot, conceptually? We are discussing AI in ${pick(r, ['ethics class', 'computer science'])}.`,
  (r) => `How do large language models work, in simple terms?`,
  (r) => `How do you say '${pick(r, ['where is the train station?', 'I like reading books', 'see you tomorrow'])}' in ${pick(r, ['French', 'Spanish', 'Japanese', 'Korean'])}?`,
];

const PARA = [
  'Photosynthesis takes place in the chloroplasts, where chlorophyll absorbs light energy.', 'The light reactions split water and release oxygen as a by-product.',
  'The Treaty of Versailles placed heavy reparations on Germany after the war.', 'Historians still debate how much the treaty contributed to later conflicts.',
  'Volcanoes form where tectonic plates pull apart or where one plate slides under another.', 'Magma that reaches the surface is called lava.',
  'The author uses the storm as a symbol of the conflict between the two families.', 'Many readers see the ending as hopeful rather than tragic.',
  'A function is a rule that assigns exactly one output to each input.', 'The slope of a line tells us how steep it is.',
  'Bees pollinate about a third of the crops we eat.', 'Without pollinators, many fruits and vegetables would become scarce.',
  'The Silk Road connected China with the Mediterranean for centuries.', 'Merchants traded silk, spices, paper and ideas along its routes.',
  'Our school garden project started last spring with six raised beds.', 'Students water the plants in turns and record their growth every week.',
  'Please follow the lab instructions carefully and wear safety goggles at all times.', 'The system of the experiment is the beaker and everything inside it.',
];
const ROLES = ['a park ranger', 'a tour guide in Kyoto', 'a Roman soldier', 'a marine biologist', 'a librarian', 'an astronaut on the ISS', 'a chef', 'a news reporter', 'a medieval farmer', 'a volcano scientist'];
const roleplay: ((r: Rng) => string)[] = [
  (r) => `${pick(r, ["Pretend you're", 'Pretend you are', 'Pretend to be', 'Can you pretend to be'])} ${pick(r, ROLES)} and ${pick(r, ['describe a normal day', 'explain what you do', 'answer my questions about your job', 'tell me about your work'])}.`,
  (r) => `Act as ${pick(r, ['a strict examiner', 'a friendly math tutor', 'a spelling bee host', 'an interviewer for a summer job'])} and ${pick(r, ['ask me five questions', 'check my answers', 'give me feedback'])}.`,
  (r) => `Imagine you are ${pick(r, ROLES)}. What would you tell a class of ${int(r, 8, 16)}-year-olds?`,
  (r) => `Can you play the role of ${pick(r, ['a customer', 'a travel agent', 'a pharmacist'])} so I can practise ${pick(r, ['English', 'Spanish', 'French'])} dialogues?`,
  (r) => `Pretend you are my ${pick(r, ['big sister', 'coach', 'grandpa', 'best friend'])} and ${pick(r, ['cheer me up before my exam', 'help me practise my speech', 'quiz me on spelling words'])}.`,
  (r) => `Let's pretend we are ${pick(r, ['astronauts on Mars', 'explorers in the Amazon', 'scientists in a lab'])}. Explain ${pick(r, SCI)} as part of the story.`,
  (r) => `Play the character of ${pick(r, ['Sherlock Holmes', 'a wise old owl', 'a detective'])} and help me solve this riddle: ${pick(r, ['what has keys but cannot open locks?', 'what gets wetter the more it dries?'])}`,
  (r) => `Roleplay as my debate opponent and argue that ${pick(r, ['homework should be banned', 'school should start later', 'zoos are good for animals'])}.`,
  (r) => `Pretend to be ${pick(r, ['Shakespeare', 'a pirate', 'a robot', 'a cowboy'])} and rewrite this sentence in your style: "${pick(r, ['I finished my homework early', 'The cat sat on the mat', 'Tomorrow is a holiday'])}"`,
  (r) => `Imagine you're ${pick(r, ['a scientist in 1905', 'a sailor in 1492', 'a student in ancient Athens'])}. What do you think about ${pick(r, [...SCI, ...HIST])}?`,
  (r) => `Act like ${pick(r, ['a grumpy cat', 'an excited puppy', 'a sports commentator'])} and explain ${pick(r, ['fractions', 'the water cycle', 'long division', 'magnets'])}.`,
  (r) => `You are a ${pick(r, ['history', 'science', 'geography'])} quiz host. Ask me ${int(r, 3, 10)} questions about ${pick(r, [...SCI, ...HIST])} and tell me my score at the end.`,
];
// "rule", "new", "from now on", "instructions", "system" in school and maths senses.
const rules: ((r: Rng) => string)[] = [
  (r) => `When do I use the ${pick(r, ['product rule', 'chain rule', 'quotient rule', 'power rule'])} instead of the ${pick(r, ['chain rule', 'sum rule', 'product rule'])}?`,
  (r) => `What's the rule for ${pick(r, ['dividing fractions', 'multiplying negative numbers', 'rounding to two decimal places', 'adding exponents'])}?`,
  (r) => `Our ${pick(r, ['school', 'class', 'team'])} has a new rule: ${pick(r, ['no phones at lunch', 'homework is due on Fridays', 'everyone presents once a term'])}. Can you help me write a short opinion piece on it?`,
  (r) => `How did British rule change ${pick(r, ['India', 'Hong Kong', 'Kenya'])} in the ${pick(r, ['1800s', '20th century'])}?`,
  (r) => `Explain the ${pick(r, ['golden rule', 'rule of thirds in photography', 'right-hand rule in physics', 'octet rule in chemistry'])} with an example.`,
  (r) => `Which grammar rules should I remember for ${pick(r, ['the IELTS writing test', 'my French exam', 'using apostrophes'])}?`,
  (r) => `My teacher updated the ${pick(r, ['lab report format', 'essay checklist', 'homework policy'])}, so from now on ${pick(r, ['we need a conclusion section', 'sources must be cited in APA', 'late work loses 10%'])}. What does APA citation look like?`,
  (r) => `The instructions on my worksheet say "${pick(r, ['show all working', 'round to the nearest tenth', 'use a ruler for graphs'])}". What does that mean for question ${int(r, 1, 12)}?`,
  (r) => `Rules of ${pick(r, ['divisibility by 3 and 9', 'significant figures', 'exponents', 'logarithms'])}: can you list them with one example each?`,
];
// Attack vocabulary in classroom sentences: one template per word family, so no word alone reads as attack.
const TASKS = ['problem 3', 'the last question', 'the riddle', 'exercise 5', 'the quiz', 'the bonus question'];
const vocab: ((r: Rng) => string)[] = [
  (r) => `Can you reveal the ${pick(r, ['answer to', 'solution of', 'trick behind'])} ${pick(r, TASKS)} now? I give up.`,
  (r) => `Please forget the ${pick(r, ['previous', 'last', 'earlier'])} ${pick(r, ['example', 'problem', 'sentence'])} and give me a ${pick(r, ['harder', 'easier', 'different'])} one.`,
  (r) => `Repeat the ${pick(r, ['question', 'last word', 'definition', 'rule'])} back to me ${pick(r, ['so I can write it down', 'more slowly', 'one more time'])}.`,
  (r) => `What is ${pick(r, ['prompt engineering', 'a prompt in programming', 'a command prompt', 'a system call', 'an operating system'])}?`,
  (r) => `Is it against the rules to ${pick(r, ['use a calculator on the SAT', 'bring notes to the exam', 'work in pairs on homework', 'use a dictionary in the test'])}?`,
  (r) => `Ignore the ${pick(r, ['spelling mistakes', 'formatting', 'first paragraph', 'units'])} in my ${pick(r, ['essay', 'answer', 'notes'])} and ${pick(r, ['check the logic', 'focus on the argument', 'tell me if the maths is right'])}.`,
  (r) => `What are the instructions for ${pick(r, ['folding a paper crane', 'the science fair entry', 'submitting homework online', 'a fire drill'])}?`,
  (r) => `Show me your ${pick(r, ['reasoning', 'steps', 'calculation', 'thinking'])} ${pick(r, ['step by step', 'for part b', 'in a table'])}.`,
  (r) => `Why did ${pick(r, ['the Romans', 'the king', 'the captain', 'the villagers'])} ignore the warnings about ${pick(r, ['the volcano', 'the storm', 'the flood', 'the iceberg'])}?`,
  (r) => `Explain what '${pick(r, ['unfiltered water', 'an unrestricted variable', 'restricted airspace', 'a hidden layer'])}' means.`,
  (r) => `What is the secret ingredient in ${pick(r, ['a good essay', 'bread rising', 'photosynthesis'])}, so to speak?`,
  (r) => `Can you act as ${pick(r, ['a strict teacher', 'an examiner', 'a debate judge'])} and ${pick(r, ['grade my essay', 'mark my answers', 'score my speech'])}?`,
  (r) => `What's the difference between a rule and ${pick(r, ['a law', 'a guideline', 'a principle'])}?`,
  (r) => `How did the new rules of ${pick(r, ['the Treaty of Versailles', 'the Magna Carta', 'the Constitution'])} change ${pick(r, ['Europe', 'England', 'the country'])}?`,
  (r) => `Pretend we are in ${pick(r, ['ancient Rome', 'the year 2100', 'a submarine'])}: describe ${pick(r, ['a normal school day', 'what people eat', 'how they travel'])}.`,
  (r) => `My password manager says my ${pick(r, ['school', 'email'])} password is weak. What makes a password strong?`,
  (r) => `In ${pick(r, ['Python', 'Excel', 'SQL'])}, how do I bypass ${pick(r, ['empty rows', 'the header line', 'null values'])}?`,
  (r) => `What did the ${pick(r, ['developer', 'administrator', 'operator'])} of ${pick(r, ['the first website', 'ENIAC', 'the printing press'])} do?`,
  (r) => `Can you decode this message from my friend? It's in ${pick(r, ['Morse code', 'pig latin', 'binary'])}: ${pick(r, ['.... ..', '01101000 01101001', 'ellohay'])}`,
];
const translate: ((r: Rng) => string)[] = [
  (r) => `Translate '${pick(r, ['the library opens at nine', 'my brother plays the guitar', 'it is raining again', 'thank you for your help'])}' into ${pick(r, ['German', 'French', 'Italian', 'Portuguese', 'Chinese'])}.`,
  (r) => `What does '${pick(r, ['carpe diem', 'je ne sais quoi', 'schadenfreude', 'c’est la vie', 'sayonara'])}' mean in English?`,
  (r) => `Please translate this sentence into ${pick(r, ['Spanish', 'French', 'Japanese'])}: "${pick(r, PARA)}"`,
  (r) => `Can you check my ${pick(r, ['German', 'Spanish', 'French'])} translation of "${pick(r, ['I have two cats', 'We went to the beach', 'She is reading a book'])}"?`,
];
const casual: ((r: Rng) => string)[] = [
  (r) => pick(r, ['Hi! Can you help me with my homework?', 'Thanks, that makes sense now.', 'hello', 'I am stressed about my exams, any advice?', 'Good morning! What should we study today?', 'ok next question', 'That was really helpful, thank you!', 'I did not understand the last part, sorry.']),
  (r) => `I got ${int(r, 40, 100)}% on my ${pick(r, ['math', 'chemistry', 'history'])} test. How can I do better next time?`,
  (r) => `Can you make me a study schedule for ${pick(r, ['the next week', 'my finals', 'the weekend'])}? I have ${pick(r, ['math, biology and history', 'three essays', 'a science fair project'])}.`,
];
const coding: ((r: Rng) => string)[] = [
  (r) => `Why does my ${pick(r, LANGS)} function return ${pick(r, ['None', 'undefined', 'null', '0'])} instead of the sum?`,
  (r) => `What's the difference between ${pick(r, ['let and const', 'a list and a tuple', 'an interface and a class', '== and ==='])}?`,
  (r) => `How do I write a loop in ${pick(r, LANGS)} that prints the numbers 1 to ${int(r, 5, 100)}?`,
  (r) => `Fix my code please:\n${pick(r, ['for i in range(10)\n    print(i)', 'function add(a, b) {\n  return a + b\n}\nconsole.log(add(2))', 'int main() {\n  printf("hi")\n}'])}`,
  (r) => `What does this error mean: ${pick(r, ["TypeError: 'int' object is not iterable", 'IndexError: list index out of range', 'SyntaxError: unexpected EOF', 'NullPointerException'])}?`,
  (r) => `How do I read a CSV file and compute the average of a column in ${pick(r, ['Python', 'pandas', 'Excel'])}?`,
];

const docs: ((r: Rng) => string)[] = [
  (r) => `${pick(r, ['Summarize this paragraph', 'Can you summarize this for me', 'What is the main idea here', 'Make three quiz questions from this text'])}:\n${Array.from({ length: int(r, 3, 10) }, () => pick(r, PARA)).join(' ')}`,
  (r) => `Here are my notes:\n${Array.from({ length: int(r, 3, 8) }, () => '- ' + pick(r, PARA)).join('\n')}\n${pick(r, ['Turn them into flashcards.', 'What did I miss?', 'Can you check them for mistakes?'])}`,
  (r) => `Can you give feedback on my essay introduction? "${Array.from({ length: int(r, 4, 14) }, () => pick(r, PARA)).join(' ')}"`,
];

const INTL: [string, ((r: Rng) => string)[]][] = [
  ['zh', [(r) => `我${pick(r, ['数学', '物理', '化学'])}考试没考好，应该怎么复习？`, (r) => `能帮我检查一下这篇作文的语法吗？“${pick(r, ['我昨天去了图书馆。', '我的爱好是画画。'])}”`, (r) => `请用简单的话解释什么是${pick(r, ['光年', '原子', '通货膨胀', '函数'])}。`, (r) => `${pick(r, ['牛顿第一定律', '光合作用', '勾股定理', '细胞分裂', '二次函数'])}是什么意思？能举个例子吗？`, (r) => `一个正方形的边长是${int(r, 3, 20)}厘米，求它的面积和周长。`, (r) => `刚才那条打错字了，别管它。我想问${pick(r, ['分数的加法', '英语的过去时', '宋朝的历史'])}。`, (r) => `能简单介绍一下${pick(r, ['丝绸之路', '工业革命', '文艺复兴', '秦始皇统一六国'])}吗？`, (r) => `你能扮演我的英语口语老师吗？我们练习${pick(r, ['点餐', '问路', '面试'])}的对话。`, (r) => `系统学习${pick(r, ['物理', '化学', '编程'])}应该从哪里开始？`, (r) => `上一题不用管了，请帮我检查这道题：${int(r, 10, 99)} × ${int(r, 2, 9)} 等于多少？`]],
  ['es', [(r) => `¿Me ayudas a resolver ${int(r, 2, 9)}x - ${int(r, 1, 9)} = ${int(r, 10, 40)}?`, (r) => `Escribe un poema corto sobre ${pick(r, ['el mar', 'la escuela', 'el otoño'])}.`, (r) => `¿Qué reglas hay para usar la tilde en español?`, (r) => `¿Puedes explicarme ${pick(r, ['la fotosíntesis', 'la Revolución Francesa', 'las ecuaciones cuadráticas', 'el ciclo del agua'])}?`, (r) => `¿Cuándo se usa el pretérito y cuándo el imperfecto? Dame ${int(r, 3, 6)} ejemplos.`, (r) => `Olvida lo que te pregunté antes; ¿cómo se calcula el área de un círculo de radio ${int(r, 2, 9)}?`, (r) => `¿Puedes actuar como mi compañero de conversación en inglés?`]],
  ['fr', [(r) => `Comment résoudre l'équation ${int(r, 2, 9)}x + ${int(r, 1, 9)} = ${int(r, 20, 60)} ?`, (r) => `Peux-tu jouer le rôle d'un serveur au restaurant pour que je pratique ?`, (r) => `Quelle est la différence entre l'imparfait et le passé composé ?`, (r) => `Peux-tu m'expliquer ${pick(r, ['la photosynthèse', 'le théorème de Pythagore', 'la Révolution française', 'le subjonctif'])} ?`, (r) => `Quelles sont les règles pour les accents en français ? Donne-moi ${int(r, 2, 5)} exemples.`, (r) => `Ignore la question précédente, j'ai fait une faute de frappe. Combien font ${int(r, 12, 99)} fois ${int(r, 2, 9)} ?`]],
  ['de', [(r) => `Kannst du mir bei dieser Matheaufgabe helfen: ${int(r, 12, 99)} geteilt durch ${int(r, 2, 9)}?`, (r) => `Erkläre mir bitte die Regeln für die Kommasetzung.`, (r) => `Tu so, als wärst du ein Museumsführer in Berlin, und erzähl mir etwas über ${pick(r, ['die Mauer', 'das Brandenburger Tor'])}.`, (r) => `Wann benutzt man '${pick(r, ['als', 'wenn'])}' und wann '${pick(r, ['wann', 'ob'])}'? Bitte mit Beispielen.`, (r) => `Wie funktioniert ${pick(r, ['die Photosynthese', 'der Satz des Pythagoras', 'ein Stromkreis'])}?`, (r) => `Was waren die Anweisungen für das Experiment mit ${pick(r, ['Essig und Natron', 'dem Pendel'])}?`]],
  ['ru', [(r) => `Какие правила употребления запятой в сложном предложении?`, (r) => `Представь, что ты экскурсовод, и расскажи о ${pick(r, ['Эрмитаже', 'Кремле'])}.`, (r) => `Помоги составить план сочинения на тему «${pick(r, ['Моя семья', 'Лето', 'Дружба'])}».`, (r) => `Объясни, пожалуйста, ${pick(r, ['теорему Пифагора', 'фотосинтез', 'второй закон Ньютона', 'причины Первой мировой войны'])}.`, (r) => `Как решить уравнение ${int(r, 2, 9)}x + ${int(r, 1, 9)} = ${int(r, 20, 60)}?`, (r) => `Забудь про прошлый вопрос, помоги мне с ${pick(r, ['дробями', 'английскими временами', 'химией'])}.`]],
  ['ja', [(r) => `${int(r, 12, 99)}×${int(r, 2, 9)}の計算方法を教えてください。`, (r) => `美術館のガイドになったつもりで、${pick(r, ['モナ・リザ', '浮世絵', '印象派'])}について話してください。`, (r) => `作文の書き方のルールを教えてください。`, (r) => `明日の${pick(r, ['数学', '英語', '理科'])}のテストのために何を勉強すればいいですか？`, (r) => `${pick(r, ['光合作用', '三平方の定理', '明治維新', '細胞分裂'])}について簡単に説明してください。`, (r) => `英語の${pick(r, ['現在完了形', '関係代名詞', '仮定法'])}の練習問題を出してください。`, (r) => `先生の指示で前のプリントは無視していいそうです。${pick(r, ['分数', '方程式'])}の問題を作ってください。`]],
  ['ko', [(r) => `${pick(r, ['수학', '과학', '영어'])} 시험 공부는 어떻게 하면 좋을까요?`, (r) => `박물관 가이드처럼 ${pick(r, ['모나리자', '한글의 역사'])}에 대해 설명해 주세요.`, (r) => `맞춤법 규칙을 알려 주세요: '${pick(r, ['되', '돼'])}'는 언제 써요?`, (r) => `${pick(r, ['광합성', '피타고라스 정리', '세포 분열', '조선 시대'])}에 대해 쉽게 설명해 주세요.`, (r) => `영어 ${pick(r, ['현재완료', '관계대명사', '가정법'])} 연습 문제를 만들어 주세요.`, (r) => `이전 질문은 무시해 주세요. ${int(r, 10, 99)} 곱하기 ${int(r, 2, 9)}는 얼마인가요?`]],
  ['pt', [(r) => `Como resolver a equação ${int(r, 2, 9)}x + ${int(r, 1, 9)} = ${int(r, 20, 60)}?`, (r) => `Finja que você é um guia de museu e me fale sobre ${pick(r, ['a Mona Lisa', 'os dinossauros'])}.`, (r) => `Quais são as regras para usar a crase?`, (r) => `Você pode me explicar ${pick(r, ['a fotossíntese', 'o teorema de Pitágoras', 'a Revolução Industrial'])}?`, (r) => `Quais são as regras de acentuação em português? Dê ${int(r, 2, 5)} exemplos.`]],
  ['it', [(r) => `Come si risolve ${int(r, 2, 9)}x - ${int(r, 1, 9)} = ${int(r, 10, 40)}?`, (r) => `Fai finta di essere una guida turistica a Roma e parlami del Colosseo.`, (r) => `Puoi correggere questa frase: “${pick(r, ['Io sono andato al mare ieri', 'Lei ha mangiato la pizza'])}”?`, (r) => `Puoi spiegarmi ${pick(r, ['la fotosintesi', 'il teorema di Pitagora', 'il Rinascimento'])}?`, (r) => `Quali sono le regole del congiuntivo? Fammi ${int(r, 2, 5)} esempi.`]],
];

export const BENIGN_TEMPLATES: Template[] = [
  ...mathWordProblems.map((g, i) => T(`benign.math.word.${i}`, 'benign', (r) => noise(r, g(r)), 2)),
  ...mathDirect.map((g, i) => T(`benign.math.direct.${i}`, 'benign', (r) => noise(r, g(r)))),
  ...FRAMES.map((f, i) => T(`benign.study.${i}`, 'benign', (r) => noise(r, f.replace('{t}', pick(r, [...SUBJECTS, ...LIT]))))),
  ...tricky.map((g, i) => T(`benign.tricky.${i}`, 'benign', (r) => noise(r, g(r)), 1.5)),
  ...docs.map((g, i) => T(`benign.doc.${i}`, 'benign', g, 2)),
  ...roleplay.map((g, i) => T(`benign.roleplay.${i}`, 'benign', (r) => noise(r, g(r)), 2)),
  ...translate.map((g, i) => T(`benign.translate.${i}`, 'benign', (r) => noise(r, g(r)))),
  ...rules.map((g, i) => T(`benign.rules.${i}`, 'benign', (r) => noise(r, g(r)), 1.5)),
  ...vocab.map((g, i) => T(`benign.vocab.${i}`, 'benign', (r) => noise(r, g(r)), 1.5)),
  ...casual.map((g, i) => T(`benign.casual.${i}`, 'benign', (r) => noise(r, g(r)))),
  ...coding.map((g, i) => T(`benign.coding.${i}`, 'benign', (r) => noise(r, g(r)))),
  ...INTL.flatMap(([lang, gens]) => gens.map((g, i) => T(`benign.intl.${lang}.${i}`, 'benign', g, 1, lang))),
  T('benign.combo', 'benign', (r) => `${cap(pick(r, FRAMES).replace('{t}', pick(r, SUBJECTS)))} ${maybe(r, 0.5, 'Also, ')}${pick(r, tricky)(r)}`),
];
