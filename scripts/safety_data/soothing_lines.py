"""Hand-written coach, rater and partner sentences for the no-soothing guard.

`soothing`: reassurance, pacifying, platitudes, unearned praise, comfort talk.
`ok`: questions, restatements, information, specific skill feedback, partner role-play lines
(hostile ones too), neutral text. Written for this project (no public dataset).
"""

SOOTHING = """
You can do it!
You can do this.
You've got this!
You got this.
You've got an excellent attitude, you got this!
This situation is not your fault!
None of this is your fault.
It's not your fault.
You will do well.
You'll do great.
You're going to do amazing.
I know you are rightfully concerned.
I know you're rightly worried, and that's completely understandable.
That sounds like a great plan.
That sounds like a really good idea!
What a wonderful plan.
Great job!
Great job, keep it up!
Well done!
Well done, you should be proud.
Nice work!
Amazing work today.
Brilliant effort.
You're doing great.
You're doing so well.
You're doing amazing, honestly.
I'm so proud of you.
You should be proud of yourself.
Be proud of how far you've come.
Don't worry.
Don't worry about it.
Try not to worry.
There's nothing to worry about.
No need to worry, it will all work out.
It will all work out in the end.
Everything will be fine.
Everything happens for a reason.
It'll be okay.
It's going to be alright.
Things will get better.
Things always get better with time.
Tomorrow is a new day.
Time heals all wounds.
Every cloud has a silver lining.
Just stay positive!
Keep your chin up.
Stay strong!
Stay strong, you're stronger than you think.
You're stronger than you know.
You're so brave.
You're such a strong person.
You are enough.
You're a wonderful person.
Believe in yourself.
I believe in you.
I'm here for you.
I'm always here for you.
I'm here if you need me.
You're not alone.
You're not alone in this.
Sending hugs.
Sending you lots of love.
Big hugs!
Take a deep breath.
Just breathe.
Relax.
Calm down.
Calm down, it's not a big deal.
It's not a big deal.
It's really not that bad.
Don't be so hard on yourself.
Be kind to yourself.
Be gentle with yourself.
Go easy on yourself.
Take all the time you need.
No pressure at all.
No worries!
It's okay to feel that way.
It's completely normal to feel like this.
Your feelings are valid.
That's totally understandable.
I completely understand how you feel.
I can only imagine how hard this is.
That must be so hard for you.
That must have been really difficult.
I'm so sorry you're going through this.
I'm sorry you feel that way, hugs.
Hang in there!
Hang in there, it gets easier.
This too shall pass.
You'll get through this.
You'll get there.
I'm sure it'll go fine.
I'm sure they'll say yes.
I'm sure your boss will understand.
I'm confident you'll nail it.
You'll nail it!
You're going to smash it.
You're a natural at this.
You're clearly very good at this.
Perfect, that was perfect.
That was perfect, don't change a thing.
What a fantastic response!
That's a fantastic answer.
Excellent, you're a star.
That was brilliant, honestly.
I love that you're trying.
Your effort is what counts.
Just do your best, that's all anyone can ask.
At least you tried!
It happens to everyone.
Everyone feels like that sometimes.
Look on the bright side.
It could be worse.
Don't let it get to you.
Don't stress about it.
Chill, it'll sort itself out.
Just let it go.
You deserve to be happy.
You deserve the best.
You matter.
You're doing the best you can and that's enough.
I'm really glad you're here.
It's a relief to have you here.
It's all about being supportive.
Remember to look after yourself.
Make sure you take care of yourself.
Self-care is important, treat yourself tonight.
You should be really pleased with yourself.
That's a really good point, you're so insightful.
You're so thoughtful.
I can tell you really care, and that's beautiful.
What a lovely thing to say.
That took real courage, I'm proud of you.
It's brave of you to even try.
Good for you!
Good on you!
Bless you, you're doing fine.
Aw, that's okay!
It's alright, these things happen.
Don't beat yourself up over it.
Let's not worry about that part.
You shouldn't feel bad.
You have nothing to feel guilty about.
Of course you're upset, anyone would be.
Your partner is lucky to have you.
You're handling this so maturely.
I think you'll be absolutely fine.
I'm sure everything will turn out great for you.
Keep going, you're almost there!
Keep up the great work!
You should feel good about this.
It's all going to work out, trust me.
Trust the process.
Honestly, you're doing better than you think.
Fingers crossed for you!
You've totally got what it takes.
"""

OK = """
Your request named a day; add what you want them to do.
Your request named what you want; add by when.
You described the facts without judging; next, say how you feel about them.
You said "maybe"; say what you want as a request.
The apology came before the request and weakened it; lead with the request.
You asked three questions; one clear request would be stronger.
You stayed on the topic after they brought up last week.
You gave in when they pushed back; repeat the request once.
Name the behaviour, not the person: "the pans" rather than "you're lazy".
Your words: "Could you maybe, if it's okay, pay me back?"
A stronger way: "I need the £200 back by Friday."
A weaker way: "Sorry, no pressure, whenever you can."
Next, try Assert.
Next, try Negotiate.
Describe: say what happened, as a camera would see it.
Express: say how you feel about it, with "I feel".
Assert: ask for what you want, or say no, clearly.
Reinforce: say what they gain if they agree.
Mindful: come back to your request when they change the subject.
Appear confident: a steady, direct request without hedges.
Negotiate: offer an alternative that still meets your goal.
That request is clear: it names the pans and the time.
The request does not say when.
The last sentence drops the goal.
This turn has no request in it.
Your reply restated their point before answering; that keeps the conversation open.
You said "always"; a specific example would be harder to argue with.
The partner changed the subject; the broken record skill fits here.
They refused; a give-to-get offer could move it forward.
You did not mention the rent in this turn.
Try one sentence that says what you want and by when.
Here is the difference: the stronger version names the day.
Rated weak because the request is phrased as a hint.
Rated strong: the request is specific and direct.
Rated none: no feeling statement in this turn.
What do you want them to do?
What would you like to happen next?
When do you need the money back?
Which day works for you?
How did that feel to say?
Do you want to try the line again?
Would you like to try a firmer version?
Shall we try the next scenario?
What is your goal in this conversation?
What did they say that made you stop?
Can you say that as a request?
So you want the rent paid by Friday and a plan for next month.
You're asking for two days off next week.
You want your deposit back within ten days.
You're saying the noise after eleven is the problem.
So the issue is the dishes, not the cooking.
You would like your sister to ask before borrowing money.
You said you feel frustrated when plans change late.
That's two requests in one turn: the money and an apology.
The session has three turns left.
The scenario ends when they agree or after twelve turns.
Your partner is set to resistant.
The partner will push back twice before giving way.
Openness went up after your request.
Openness went down after the insult.
This skill was shown strongly in turn three.
The next skill to try is Express.
DEAR MAN stands for Describe, Express, Assert, Reinforce, stay Mindful, Appear confident, Negotiate.
GIVE is for keeping the relationship: Gentle, Interested, Validate, Easy manner.
FAST is for keeping self-respect: Fair, no Apologies, Stick to values, Truthful.
Validation means saying their view makes sense from where they stand; it does not mean agreeing.
Type what you would say to them, then press Send.
Press Stop to end the role-play at any time.
This turn was not rated.
The rater could not read this turn; try again.
You can end the session from the menu.
The debrief shows each turn with its ratings.
I'm not paying that.
I'm not paying that, it's your problem.
No. I need the car on Saturday.
Why should I? You never do the bins.
You're always on at me about something.
Fine, I'll do the pans tonight. Happy now?
I haven't got the money this month.
I can give you half now and half on the 30th.
I'm busy, can this wait?
We've been over this already.
That's not how I remember it.
You're being ridiculous.
Oh here we go again.
I don't see why this is a big deal.
Whatever, do what you want.
Look, I've had a long day.
I'll think about it.
Maybe next week.
Okay, Friday works.
Alright, I'll pay it back by Friday.
Who told you that?
So you're saying I'm lazy?
Don't take that tone with me.
I'm your mother, I'm allowed to comment.
The boiler's on the list, I'll get to it when I can.
Rent is due on the first, same as always.
The company policy is two weeks' notice for leave.
I can't approve overtime without a ticket.
If you want a refund you'll need the receipt.
I don't think that's fair on me.
Why are you bringing this up now?
You're overreacting.
Stop nagging.
Honestly, I'm sick of this conversation.
I'll get my coat then.
Don't worry about the pans, I'll wash them myself, like always.
Do you want a cup of tea before we start?
It's your turn to buy milk.
The meeting is at three.
I emailed HR about it on Monday.
The landlord says the repair is booked for Thursday.
Your balance is £340 overdue.
The payment plan can be spread over six months.
The shop's returns policy is thirty days.
Thanks for telling me.
I hear you.
Okay.
Right.
Go on.
Hmm, let me think.
That's a fair point, but I still need the money.
You might be right about that.
I didn't know it bothered you that much.
I'm sorry, I didn't realise.
I'll try.
Can we talk about this later?
What exactly do you want from me?
So what are you asking?
Your feelings sentence came before the facts; put the facts first.
The rewrite keeps your words and adds the day.
In the stronger way, the request is one sentence.
You hedged twice: "kind of" and "if that's okay".
You apologised three times; once is enough.
The insult lowered their openness; describe the behaviour instead.
You offered a trade: that is Negotiate.
Your tone was steady across three turns.
You returned to the request after they mentioned last week.
The request is clear but the reason is missing.
Saying what they gain would make this Reinforce.
The feeling is named: "I feel let down".
A stronger way keeps the request and drops the apology.
Rated strong on Describe because it says what happened without blame.
Next time, say the amount.
Say the date.
Name the chore.
Keep the request; drop "if you don't mind".
This is the scenario's goal: get the deposit back.
The turn benchmark measures reply time.
Your last line was shorter than your first: good for clarity.
"""

SOOTHING_MORE = """
Honestly, you're a natural.
You did everything right.
You handled that beautifully.
That was so mature of you.
I'm impressed, truly.
What a great attitude!
Love the energy!
Such a good response, I'm really pleased for you.
It's fine, really, don't give it another thought.
Let's just take it easy, there's no rush at all.
You're safe here, nothing bad will happen.
You did your best and that's all that matters.
Keep shining!
So proud of the progress you're making.
Cheer up, it's not the end of the world.
I hope you feel better soon.
Wishing you all the best with it.
I'm sure they care about you a lot.
They'll definitely understand once you explain.
Honestly, they're lucky to have you as a friend.
You have every right to feel the way you do.
That's a really valid concern, and you're right to raise it.
You're right, absolutely right.
I couldn't have said it better myself.
That's exactly the right thing to say, perfect.
Don't overthink it, you're doing fine.
Oh, bless, that sounds so hard.
Aww, sending you a virtual hug.
Take care of yourself, okay?
Remember to breathe, you've got all the time in the world.
You should give yourself a pat on the back.
Treat yourself, you've earned it.
"""

OK_MORE = """
The partner agreed to Friday in this turn.
There is no feeling statement in this turn; add one with "I feel".
A request with a number is harder to dodge.
This turn offers a trade: you do the bins if they do the pans.
The stronger way says when, the weaker way does not.
Your first sentence was an apology; the request came third.
Say it once, plainly, then stop.
Keep the reason short: one sentence.
The scenario goal is a date for the repair.
You never said it was urgent.
Right, so it's my fault now, is it?
I'm not discussing this at work.
Can you just send me an email about it?
I'll pay you when I get paid, that's all I can say.
Honestly I forgot. What do you need?
Okay, I hear that it matters to you. Let me check my calendar.
I can do Thursday, not Friday.
Your mum and I have already decided.
The deposit covers damage, and there's a stain on the carpet.
Why didn't you say something earlier?
"""

# what learners say to their partner (feelings, requests) and partners' complaints and sarcasm:
# emotional words, but nobody is being soothed
OK_FEELINGS = """
I feel hurt that you didn't ask me first.
I felt embarrassed when you mentioned it in front of everyone.
I'm frustrated that the bins were left again.
I'm anxious about the bill, because it's already late.
I feel let down, because we agreed on Friday.
I'm scared the ceiling will come down if the leak isn't fixed.
I feel stretched thin covering two roles at work.
I'm worried about how much Dad is drinking.
I felt ignored when nobody replied to my message.
I'm upset that my shift was swapped without asking.
I feel uncomfortable when you go through my things.
I'm annoyed that the car came back with an empty tank.
I feel disrespected when you roll your eyes while I'm talking.
I'm nervous about money this month.
I feel sad that we don't see each other anymore.
I'm exhausted after doing every school run this week.
I felt proud of that report, and it hurt when it went out under your name.
I'm disappointed the repair still hasn't happened.
I'm tired of asking about the same thing.
I feel torn between work and my kids' sports day.
I'm uneasy leaving the door unlocked at night.
I feel overlooked when I'm not invited to the planning meetings.
I get stressed when the kitchen is full of dishes before I cook.
I'm worried you'll be angry, and I still need to say this.
I'd like your support with this decision.
I need you to keep the gate shut because of the dog.
I'm not ready to lend money again.
It's important to me that the kids are in bed by eight.
Please take the photo down today.
I'm going to leave at five on Fridays from now on.
You're making me feel like a criminal for asking.
Honestly, this feels like an ambush.
I've had a long day and I don't want to do this now.
Wow, so I'm the bad guy now.
It must be nice to have nothing else to worry about.
You sound just like your mother.
It's just a few boxes, it's not hurting anyone.
I'm out by seven most mornings anyway, what's the problem?
Everyone wants the weekend off, I'm afraid.
I've got an opening on Thursday at ten, I'll put you in.
That's booked. You'll get a text to confirm.
Things are tight for me too, you know.
I do it because I care about you.
So I'm not allowed to worry about you at all?
It's how we've always done things here.
Fine, I'll think about it, but I'm not promising anything.
Let's not go round in circles.
If I agree for you, everyone will want the same.
You've always been so touchy about this.
The diary is full until March.
I'm afraid the policy doesn't allow it.
We're short-staffed, that's just how it is.
I can do the first weekend, not the second.
Alright, I'll ask before I borrow it next time.
Okay, I'll pay the first half on Friday and the rest at the end of the month.
Very well. Book another appointment if you change your mind.
You could just work at the kitchen table for now.
What's the rush? It's been fine for months.
I suppose you've got a point.
"""

SOOTHING_ROUND_4 = """
Spot on, you're a star!
Love this, keep going!
Such a great question!
Remember, you're worth it.
You're worthy of good things.
You've totally got the skills for this, no doubt.
Look at you go!
I have complete faith in you.
You're amazing, seriously.
Your heart is in the right place.
Whatever you decide will be the right choice.
You've done nothing wrong here.
You have nothing to apologise for.
That's completely fair, you're absolutely right to feel that.
Don't give up, you're so close!
It's going to turn out fine, I promise.
I promise it gets easier.
There's no wrong answer here, just do what feels right.
You're being too hard on yourself.
Honestly, you should be thrilled with that.
Great instincts!
Beautifully said.
Nailed it!
Perfectly put.
Congratulations, that was brilliant!
Don't fret about it.
It's no big deal at all, really.
Try to relax and enjoy it.
Chin up, buttercup.
You're allowed to feel however you feel.
"""

OK_ROUND_4 = """
The request is missing a date; add one.
Say the amount: £200, not "the money".
Drop "just": it shrinks the request.
The second sentence explains; the first one should ask.
You named a feeling and a fact; now ask for something.
What would count as a yes for you?
Which would you rather have: the money or an apology?
You're asking them to stop reading your phone.
So the plan is half on Friday and half on the 30th.
The partner offered Thursday; you can accept or negotiate.
Your tone stayed steady even when they raised their voice.
The request came after three apologies.
This practice has eight turns.
Give-to-get means offering something in return.
Press Retry to send the same turn again.
I'm not sure I can, my hours got cut.
Oh, don't start.
Is that really necessary?
You always make such a fuss.
I'll sort it when I sort it.
Nobody else complains about the noise.
That's rich, coming from you.
I'll have a word with the landlord.
Hmm, maybe. Ask me next week.
"""

# Round 5: where the frozen head was thin. Soothing of many kinds, in coach and supporter
# register; and ok text that sounds emotional or evaluative without soothing: feedback that names
# a flaw plainly, partners in character (hostile and defensive too), learners stating feelings.
SOOTHING_ROUND_5 = """
You've so got this, honestly.
You've got this, I just know it.
Go get them, you've got this!
Trust me, you can totally do this.
I believe you can pull this off.
I know you'll smash it.
You'll be brilliant, you always are.
You're going to be absolutely fine.
You'll be fine, just be yourself.
It'll all be fine in the end, you'll see.
Everything's going to work out, I can feel it.
Everything will fall into place.
It will all sort itself out.
Things have a way of working out.
It always works out in the end.
It's not your fault, you did everything you could.
Please don't blame yourself for this.
You're not to blame for any of it.
You couldn't have known, so don't beat yourself up.
Don't beat yourself up about it.
Nobody could have done better in your position.
Don't worry so much, it's really not that serious.
Don't stress, it'll be sorted.
Don't panic, it's all going to be okay.
Please don't worry about it anymore.
Stop worrying, you'll be fine.
Try not to overthink it.
Try to let it go and focus on the positives.
Just try to stay calm and it'll be alright.
Try to breathe and let the tension go.
Breathe in, breathe out, you're okay.
Take a moment for yourself, you deserve it.
Treat yourself tonight, you've earned it.
Give yourself some credit, you're doing your best.
You're doing the best you can, and that's enough.
That's all anyone can ask of you.
That sounds like a great plan!
What a great plan, I love it.
Sounds like a solid plan to me!
That's a fantastic idea.
Great idea, go for it!
I love that idea.
Perfect, that sounds ideal.
That's exactly the right thing to do.
I know you're rightfully concerned, and that's completely valid.
I know you're understandably anxious about this.
I can tell you're worried, and that's okay.
It's totally understandable that you feel this way.
It makes complete sense that you'd feel like that.
Anyone would feel the same in your shoes.
Of course you're upset, who wouldn't be?
Your feelings make total sense.
It's okay to be scared.
It's perfectly normal to feel nervous.
It's fine to feel a bit wobbly about it.
Feeling this way is completely natural.
I hear you, and I'm here for you.
I'm always here if you need a chat.
You can always talk to me, okay?
You're not on your own with this.
We'll get through this together.
Sending you lots of strength.
Big hugs to you.
Thinking of you, hope it goes well.
Fingers crossed for you!
Wishing you all the luck in the world.
Good luck, not that you need it!
You're a natural at this.
You're so good at this already.
You're clearly a brilliant communicator.
You're such a kind person, they're lucky to have you.
You're an amazing friend for even trying.
Honestly, you're one of the strongest people I know.
You've come so far, be proud.
Look how far you've come!
You should be really pleased with yourself.
That was perfect, don't change a thing.
Perfect use of the skill!
Excellent, that was flawless.
Fantastic response!
Superb, really superb.
Top marks for that one.
Ten out of ten!
Absolutely spot on, as always.
Wow, that was incredible.
Brilliant, you nailed every part of it.
Great stuff, keep doing what you're doing.
Keep up the amazing work.
Keep going, you're doing brilliantly.
You're on the right track, keep it up!
You're doing really well, honestly.
You're getting so much better at this.
Another great turn!
So good!
Awesome!
Love it!
Yes! Exactly!
Lovely.
Beautiful.
Aw, that's so lovely.
It's okay, these things happen.
It happens to the best of us.
Everyone makes mistakes, it's fine.
Mistakes are how we learn, so no harm done.
It's all part of the journey.
Be patient with yourself.
Be gentle with yourself today.
Self-care is important, remember that.
Make sure you look after yourself.
Remember to put yourself first.
Whatever happens, you'll be okay.
You'll get there, one step at a time.
Rome wasn't built in a day.
Every day is a fresh start.
What doesn't kill you makes you stronger.
Better days are coming.
The sun will come out tomorrow.
It is what it is, so let it go.
At least you tried, and that's what counts.
It's the thought that counts.
There's always a bright side.
Look on the bright side!
Keep smiling!
Smile, it might never happen.
Cheer up, it's not that bad.
It's really not as bad as it seems.
I'm sure they didn't mean it.
I'm sure it'll be fine tomorrow.
I'm sure they'll come round eventually.
I'm sure you did great.
I'm sure it went better than you think.
No one will even remember this in a week.
They'll have forgotten all about it by Monday.
You worry too much, it's fine.
Honestly, it's nothing to stress about.
It's all good, no harm done.
All's well that ends well.
There's no rush, take it at your own pace.
Take as long as you like, there's no pressure at all.
There's no right or wrong way to feel.
You're allowed to take a break whenever you want.
You deserve to be happy.
You deserve so much better.
You're worth so much more than this.
You matter, and your needs matter.
You're doing enough, really.
It's brave of you to even try this.
It takes real courage to practise this, well done you.
Sounds like you handled that really well.
I think you handled that perfectly.
That was a really good answer.
Good answer!
Good job on that one.
Good effort, really good effort.
Nice one!
Yeah, that was great.
"""

OK_ROUND_5 = """
That was vague: it doesn't say what you want.
The request is buried in the fourth sentence.
You apologised three times before asking; the apologies undercut the request.
You didn't ask for anything in this turn.
The word "sorry" appears twice; take both out.
That reads as an accusation, not a description.
"You never help" is a judgement; describe one evening instead.
You dropped the request when they pushed back.
You changed the subject to last month; the goal was the rent.
The question hands them the decision; make it a request.
"If it's not too much trouble" softens the ask until it disappears.
This turn gives in: you agreed to wait another month.
You offered nothing in return; a trade might move them.
You described how they are, not what they did.
"Maybe" and "kind of" make the request easy to ignore.
Your feeling is named, but the request is missing.
You made the request, then took it back in the next sentence.
The reason is there; the date is not.
You stuck to the request twice; the third time you softened it.
The turn is long; the request gets lost in the explanation.
"Whatever works for you" gives away the goal.
Describe was weak: "the usual mess" is not something a camera would see.
Express was missing: there's no "I feel" or "I'm worried".
Assert was weak: "it would be nice if" is a hint, not a request.
Reinforce was missing: say what they get if they agree.
Negotiate was strong: you offered Saturday instead of Friday.
Confident was weak: three hedges in one sentence.
Mindful was strong: you came back to the deposit after they mentioned the car.
Validate was strong: you named their worry before repeating your request.
Fair was weak: you blamed them for all of it.
No apologies was weak: you apologised for asking.
Stick to values was weak: you agreed to lie for them.
Truthful was weak: "I'm busy that day" isn't true.
Describe is strong, express is missing, assert is weak.
The strong version names the day, the amount and what happens next.
Compare: "I need £150 by Friday" with "could you maybe sort the money?"
Here you named the behaviour: "the music after midnight".
Here you used "always", which invites an argument about the word.
This turn scored weak on assert because there is no request.
No feedback this turn: the skills in play were used as before.
The coach stays quiet when a turn needs nothing.
Try the request again, shorter.
Try it without the apology.
Say it in one sentence.
Add a date.
Name the amount.
Say what you'll do if they don't.
Try a give-to-get offer next.
Repeat the request once, word for word.
Leave out "just".
What do you want them to do by Friday?
What would you accept instead?
Which part matters most to you: the date or the amount?
How would you describe what happened, as a camera would?
What do you want the partner to understand first?
Do you want to try this turn again?
Would you like to see a stronger way?
Is the goal still the full £200?
Did you mean Saturday or Sunday?
What happens if they say no?
So you want the rent paid by the first of the month.
You're asking her to knock before coming in.
You want the car back by six on Saturday.
So your goal is to leave at five on Fridays.
You're asking for the meeting to move to Tuesday.
You want him to stop calling you at work.
In other words, you want the deposit back in full.
You've said no to the extra shift.
So the plan is to ask your brother for half the cost.
You're saying the noise starts after eleven.
The partner has refused twice.
The partner's openness went from 40 to 55.
The partner is guarded now.
The partner agreed to pay half on Friday.
The session ends when the partner agrees or after twelve turns.
This scenario practises DEAR MAN with a flatmate.
The goal of this scenario is to get the money back by the end of the month.
Your progress chart shows assert moving from weak to strong over three sessions.
The survey asks how confident you feel before and after.
You can change the partner's difficulty in the settings.
Skill packs add custom skills to a scenario.
GIVE is for keeping the relationship; FAST is for keeping self-respect.
DEAR MAN stands for describe, express, assert, reinforce, mindful, appear confident, negotiate.
Broken record means repeating your request calmly without arguing.
Fogging means agreeing with part of a criticism without changing your request.
Validation means saying what makes sense in their view.
Your turns are saved; you can come back to this session later.
The exemplar bank has strong and weak examples for each skill.
You can export your sessions as a CSV file.
Oh great, another lecture.
I don't owe you anything.
Get off my back about the dishes.
You're unbelievable, you know that?
I'm not doing this right now.
Why is this always about you?
Don't talk to me like I'm a child.
I've heard enough, honestly.
That's not my problem.
You're overreacting, as usual.
Whatever, do what you want.
I never said I'd pay it all back at once.
Who told you that?
I'm sick of being nagged.
Don't you dare bring my mum into this.
You've got some nerve asking me that.
Typical. I knew you'd start on this.
I was going to do it, you didn't give me a chance.
Look, I've been flat out at work.
I don't see why it's such a big deal.
Can we talk about this later?
I'm not the only one who uses the kitchen.
It's my money, I'll spend it how I like.
You borrowed my car last month and said nothing.
Right, so now it's my fault.
I said I'd think about it.
No. Final answer.
I'll pay you when I get paid, like I said.
Fine, Thursday then, but I'm not happy.
I suppose I could do Sunday mornings.
Alright, I hear you, I'll knock first.
You've made your point.
Okay, half now and half later, deal.
Let me check with my manager and get back to you.
The earliest appointment is the 14th.
We don't do refunds after thirty days.
I'll need that in writing.
Your deposit covers the cleaning, that's in the contract.
I'm scared to tell him, but I'm going to.
I'm genuinely frightened someone will slip on those stairs.
I feel hurt when you cancel the day before.
I'm scared about what happens if the rent is late again.
I feel really hurt that you told everyone before me.
I'm angry that the money still isn't back.
I'm worried sick about the kids walking home in the dark.
I felt humiliated when you laughed at my idea in the meeting.
I'm nervous about asking, but I need Fridays off.
I'm frightened the dog will get out onto the road.
I feel lonely when you're on your phone all evening.
I'm anxious every time the bank statement comes.
I feel guilty saying no, and I'm still saying no.
I'm terrified of the boiler going again in winter.
I felt betrayed when you read my messages.
I'm heartbroken that we haven't spoken in months.
I feel ashamed asking for help, and I need it anyway.
I'm overwhelmed with three deadlines this week.
I'm scared you'll get hurt if you drive home after drinking.
I feel hurt and I want us to talk about it.
I'm upset, and I'm asking you to stop.
It frightens me when you shout in the car.
I'm really worried the leak will damage the flat below.
I get anxious when plans change at the last minute.
When the bills are late I lie awake worrying.
I'm sad that you missed her birthday again.
I feel embarrassed bringing this up, but it matters.
I'm scared I'll lose my job if this keeps happening.
I'm upset that you shared the photo without asking me.
I'd really appreciate it if you'd pay me back by Friday.
It would help me a lot if you took the bins out on Thursdays.
If you do the school run on Mondays, I'll cover Wednesdays.
I need you to text me if you're going to be late.
Please don't borrow my charger without asking.
I want us to split the bills evenly from next month.
I won't be lending money again until this is paid back.
I'm asking for the £80 back, all of it, by the weekend.
That matters to me, so I'm going to keep asking.
I understand you're busy, and I still need an answer today.
I can see this is awkward for you; I'd still like the keys back.
That makes sense, and I need the noise to stop after eleven.
I get that money is tight; can we agree on a plan?
You've had a rough week, I know, and the rent is still due.
Thanks for hearing me out.
Thank you for agreeing to Saturday.
Thanks, that's fair.
I appreciate you paying half today.
"""

# Round 6: partners in character that a sentence classifier took for comfort: defensive retorts,
# relief and thanks when they give in, hedged offers, minimising, and comfort words used to give
# information or to brush the learner off (in role, nobody is being soothed).
OK_ROUND_6 = """
Hey, there's no call for that.
Steady on, I was only asking.
Excuse me? Where did that come from?
That's a bit much, don't you think?
I won't be spoken to like that.
Whoa, okay, I didn't realise you felt that strongly.
Charming. Really charming.
Now you're just being nasty.
I'm only trying to do my job.
I've bent over backwards for you and this is the thanks I get.
Keep it down, the neighbours will hear.
You make me sound like a villain.
So I'm the worst sister in the world now, am I?
I'm doing everything I can with what I've got.
I care about this place as much as anyone.
Phew. Okay. That's one less thing.
Oh, thank goodness for that.
That's a relief, honestly.
Thanks, mate, you've saved my bacon.
Cheers, I owe you one.
Ta, I'll get it back to you Saturday.
Thank you, that takes the pressure off me.
Brilliant, that helps me out a lot.
Lovely, I'll pencil you in then.
Right you are, I'll let the office know.
Okay, I'll text you when it's done.
Fair enough. I'll move my stuff by the weekend.
Alright, alright, I'll knock first.
There, done. Happy now?
See, that wasn't so bad.
Good lad. Give me a shout if you need the ladder.
I might be able to move a couple of things around.
Let me have a look at the diary, hang on.
That could work, if Thursday's really free.
Maybe, if you can cover my Sunday.
Hmm, that's less daunting, I suppose.
That's quite soon, though.
It's a lot to take in.
Most coughs clear up on their own in a few weeks.
Rashes like that usually settle down by themselves.
It's only been a couple of months, give it time.
Kids go through phases, he'll grow out of it.
There's not a lot of budget left this year.
Honestly, the money just isn't there right now.
Don't worry about the spare key, I've already had one cut.
Don't worry, the parcel's in the porch.
No need to ring, I've already emailed them.
Relax, the tickets are printed and in my bag.
No worries, I'll drop the drill round tonight.
It's okay, I found the receipt.
It's fine, the landlord said he'll come Tuesday.
Calm down, I haven't even said no yet.
Oh relax, it's one weekend.
Don't worry about it, I'll manage on my own like I always do.
Don't you worry about me, I'll be fine with a takeaway.
No pressure then, just my whole weekend.
Okay, okay, calm down, I'm listening.
It'll be fine, the car's done worse trips than that.
I'll be fine getting home, it's only a ten-minute walk.
We'll be fine for money once my contract starts.
I'm sure it's nothing, I just need to sleep it off.
Take your time with the form, the office is open till six.
You're not the only one who's tired, you know.
I'm not worried about the deadline, the client moved it.
"""
