<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CardPanel</name>
    <message numerus="yes">
        <source>{points} expire on {date}</source>
        <translation>
            <numerusform>{points} expires on {date}</numerusform>
            <numerusform>{points} expire on {date}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n points</source>
        <translation>
            <numerusform>%n point</numerusform>
            <numerusform>%n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stamps</source>
        <translation>
            <numerusform>%n stamp</numerusform>
            <numerusform>%n stamps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minutes</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pages</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hours</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n points taken back · balance {points_balance}</source>
        <translation>
            <numerusform>%n point taken back · balance {points_balance}</numerusform>
            <numerusform>%n points taken back · balance {points_balance}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n points short</source>
        <translation>
            <numerusform>%n point short</numerusform>
            <numerusform>%n points short</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %n points could be taken back: the balance is now 0.</source>
        <translation>
            <numerusform>Only %n point could be taken back: the balance is now 0.</numerusform>
            <numerusform>Only %n points could be taken back: the balance is now 0.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The return asked for %n points.</source>
        <translation>
            <numerusform>The return asked for %n point.</numerusform>
            <numerusform>The return asked for %n points.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>+%n points for {money} · balance {points_balance}</source>
        <translation>
            <numerusform>+%n point for {money} · balance {points_balance}</numerusform>
            <numerusform>+%n points for {money} · balance {points_balance}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reward given: {name} (%n points)</source>
        <translation>
            <numerusform>Reward given: {name} (%n point)</numerusform>
            <numerusform>Reward given: {name} (%n points)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to sync</source>
        <translation>
            <numerusform>%n waiting to sync</numerusform>
            <numerusform>%n waiting to sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; entries are not yet confirmed by the server.</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; entry is not yet confirmed by the server.</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; entries are not yet confirmed by the server.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindCustomerDialog</name>
    <message numerus="yes">
        <source>%n found: confirm with the customer, then pick the card</source>
        <translation>
            <numerusform>%n found: confirm with the customer, then pick the card</numerusform>
            <numerusform>%n found: confirm with the customer, then pick the card</numerusform>
        </translation>
    </message>
</context>
</TS>
