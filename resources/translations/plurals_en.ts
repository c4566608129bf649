<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DocumentsWindow</name>
    <message numerus="yes">
        <source>%n file(s) wait to be indexed</source>
        <translation>
            <numerusform>%n file waits to be indexed</numerusform>
            <numerusform>%n files wait to be indexed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IndexingService</name>
    <message numerus="yes">
        <source>%n file(s) read</source>
        <translation>
            <numerusform>%n file read</numerusform>
            <numerusform>%n files read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) no longer there were taken out.</source>
        <translation>
            <numerusform>%n file no longer there was taken out.</numerusform>
            <numerusform>%n files no longer there were taken out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) wait to be indexed: it stopped before it was done.</source>
        <translation>
            <numerusform>%n file waits to be indexed: it stopped before it was done.</numerusform>
            <numerusform>%n files wait to be indexed: it stopped before it was done.</numerusform>
        </translation>
    </message>
</context>
</TS>
