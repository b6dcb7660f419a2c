// Snn.g4: the grammar of the .snn network language (ANTLR 4).
//
// A file is a sequence of declarations: imports, named constants, neuron models and networks.
// The language is not newline-sensitive: every member starts with a keyword (or `dX/dt`), so
// members and statements need no separators; `;` is accepted and ignored. The one place where a
// line break matters is a quantity: in `20 ms` the unit must be on the same line as the number,
// so that `x = 2` followed on the next line by `y = 3` is not read as `2 y`.
//
// The parser is generated into the build directory (never committed). Semantic rules (names,
// units, which arguments a rule takes) are checked by frontend/Sema*.cpp, not here.
grammar Snn;

file        : decl* EOF ;

decl        : importDecl
            | constDecl
            | neuronDecl
            | synapseDecl
            | networkDecl
            ;

importDecl  : IMPORT STRING ';'? ;

constDecl   : CONST constItem (',' constItem)* ';'? ;
constItem   : ID '=' expr ;

// ---- neuron models ------------------------------------------------------------------------------
// `neuron RS = Izhikevich { a = 0.02 / ms, d = 8 mV }` derives a model with other parameter
// defaults (named parameter sets).
neuronDecl  : NEURON ID '{' neuronMember* '}'
            | NEURON ID '=' base=ID popInits? ';'?
            ;

neuronMember
    : PARAMETER ID (':' unit)? '=' expr ';'?                          # paramMember
    | STATE ID (':' unit)? '=' expr ';'?                              # stateMember
    | INPUT ID ':' unit ('=' expr)? ';'?                              # inputMember
    | LET ID '=' expr ';'?                                            # letMember
    | deriv=ID '/' dt=ID '=' expr ';'?                                # odeMember
    | ON SPIKE WHEN expr block                                        # spikeMember
    | REFRACTORY expr (FREEZE ID (',' ID)*)? ';'?                     # refractoryMember
    | ON RECEIVE port=ID '(' weight=ID (':' unit)? ')' block          # receiveMember
    | METHOD ID ';'?                                                  # methodMember
    ;

block       : '{' stmt* '}' ;
stmt        : ID op=('=' | '+=' | '-=' | '*=' | '/=') expr ';'?
            | DELIVER expr ';'?
            ;

// ---- synapse models -----------------------------------------------------------------------------
// Per-synapse state with event handlers: `on pre` when a presynaptic spike reaches the synapse,
// `on post` when the postsynaptic neuron's spike does; `deliver w` sends w to the target port.
// (`pre` and `post` are not keywords, so populations may be called so.)
synapseDecl : SYNAPSE ID '{' synapseMember* '}' ;

synapseMember
    : PARAMETER ID (':' unit)? '=' expr ';'?                          # synParamMember
    | STATE ID (':' unit)? '=' expr ';'?                              # synStateMember
    | LET ID '=' expr ';'?                                            # synLetMember
    | deriv=ID '/' dt=ID '=' expr ';'?                                # synOdeMember
    | ON event=ID block                                               # onEventMember
    ;

// ---- networks -----------------------------------------------------------------------------------
// Strings name data files (CSV), relative to the file that names them: generator settings
// (`spike_times[N](file = "s.csv")`), `from_file("c.csv")` connections and `inject`, which
// writes a time series into an input variable of a population.
networkDecl : NETWORK ID '{' networkMember* '}' ;

networkMember
    : constDecl                                                       # netConst
    | POPULATION ID '=' mdl=ID '[' sz=expr ']' popArgs? popInits? ';'?   # populationMember
    | CONNECT popList '->' popList ':' ruleName=ID ('(' (expr (',' expr)*)? ')')?
          (',' connectOption)* ';'?                                    # connectMember
    | RECORD ID (',' ID)* OF popSelect (',' popSelect)* ('->' post=popSelect)?
          (EVERY expr | atKw=ID endKw=ID)? ';'?                        # recordMember
    | SIMULATE expr (WITH namedArg (',' namedArg)*)? ';'?             # simulateMember
    | INJECT path=STRING INTO pop=ID '.' var=ID ';'?                   # injectMember
    ;

popArgs     : '(' (namedArg (',' namedArg)*)? ')' ;
popInits    : '{' (namedArg (','? namedArg)*)? ','? '}' ;
popList     : ID (',' ID)* ;
popSelect   : ID ('[' selector ']')? ;
selector    : lo=expr? ':' hi=expr?                                    # sliceSelector
            | expr (',' expr)*                                          # listSelector
            ;
namedArg    : ID '=' expr ;
connectOption : SYNAPSE '=' syn=ID popInits?                          # synapseOption
              | namedArg                                              # plainOption
              ;

// ---- units (in declarations: `parameter tau : ms = ...`) ---------------------------------------
unit        : unitFactor (op+=('*' | '/') unitFactor)* ;
unitFactor  : unitBase (('^' | '**') sign='-'? power=NUMBER)? ;
unitBase    : ID | NUMBER | '(' unit ')' ;

// ---- expressions (alternatives listed first bind tighter) --------------------------------------
expr
    : primary                                                         # primaryExpr
    | <assoc=right> expr op=('^' | '**') expr                         # powerExpr
    | op=('-' | '+') expr                                             # unaryExpr
    | expr op=('*' | '/') expr                                        # mulExpr
    | expr op=('+' | '-') expr                                        # addExpr
    | expr op=('<' | '<=' | '>' | '>=' | '==' | '!=') expr            # compareExpr
    | NOT expr                                                        # notExpr
    | expr AND expr                                                   # andExpr
    | expr OR expr                                                    # orExpr
    | <assoc=right> expr '?' expr ':' expr                            # condExpr
    ;

primary
    : NUMBER ({_input->LT(1)->getLine() == _input->LT(-1)->getLine()}? ID
              (('^' | '**') sign='-'? power=NUMBER)?)?                  # quantity
    | TRUE                                                            # trueLit
    | INF                                                             # infLit
    | NAN                                                             # nanLit
    | REFRACTORY                                                      # refractoryRef
    | FALSE                                                           # falseLit
    | ID '(' (expr (',' expr)*)? ')'                                  # call
    | ID '.' ID                                                       # member
    | ID                                                              # name
    | '(' expr ')'                                                    # paren
    | STRING                                                          # stringLit
    | '[' (expr (',' expr)*)? ']'                                     # list
    ;

// ---- lexer --------------------------------------------------------------------------------------
IMPORT      : 'import' ;
CONST       : 'const' ;
NEURON      : 'neuron' ;
NETWORK     : 'network' ;
PARAMETER   : 'parameter' ;
STATE       : 'state' ;
INPUT       : 'input' ;
LET         : 'let' ;
ON          : 'on' ;
SPIKE       : 'spike' ;
WHEN        : 'when' ;
RECEIVE     : 'receive' ;
REFRACTORY  : 'refractory' ;
METHOD      : 'method' ;
SYNAPSE     : 'synapse' ;
DELIVER     : 'deliver' ;
INF         : 'inf' ;
NAN         : 'nan' ;
FREEZE      : 'freeze' ;
POPULATION  : 'population' ;
CONNECT     : 'connect' ;
RECORD      : 'record' ;
OF          : 'of' ;
EVERY       : 'every' ;
SIMULATE    : 'simulate' ;
INJECT      : 'inject' ;
INTO        : 'into' ;
WITH        : 'with' ;
TRUE        : 'true' ;
FALSE       : 'false' ;
AND         : 'and' ;
OR          : 'or' ;
NOT         : 'not' ;

NUMBER      : DIGITS ('.' DIGITS?)? EXPONENT?
            | '.' DIGITS EXPONENT?
            ;
fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;

ID          : [a-zA-Z_] [a-zA-Z_0-9]* ;
STRING      : '"' (~["\\\r\n] | '\\' .)* '"' ;

LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS            : [ \t\r\n\f]+ -> skip ;

// An unterminated string; reported by the frontend.
BAD_STRING  : '"' (~["\\\r\n] | '\\' .)* -> channel(HIDDEN) ;
// Anything else is one bad character, kept off the parser's channel; the frontend reports it.
ERROR_CHAR  : . -> channel(HIDDEN) ;
