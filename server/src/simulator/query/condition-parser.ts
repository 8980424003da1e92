// Recursive-descent parser for `conditions` (DG "Conditions", docs/connectwise/querying.md#conditions):
//
//   expression := and-group ( OR and-group )*          -- AND binds tighter than OR
//   and-group  := unary ( AND unary )*
//   unary      := NOT unary | "(" expression ")" | predicate
//   predicate  := field op literal                     -- = != < <= > >=
//               | field [NOT] IN "(" literal ( "," literal )* ")"
//               | field [NOT] LIKE string | field [NOT] CONTAINS string
//
// Keywords are case-insensitive (CWR's example mixes `and` and `AND`). The
// precedence of AND over OR and of NOT over AND is SQL's, which Manage's
// conditions are evaluated in; TB's emulation makes the same choice [inferred].

import type { ConditionNode, FieldRef, Literal } from './condition-ast.js';
import { ConditionSyntaxError, LITERAL_GUIDANCE, wrongLiteralKindMessage } from './condition-errors.js';
import { tokenize, type Keyword, type Token } from './condition-tokens.js';
import { compileContains, compileLike } from './like-pattern.js';

export function parseConditionText(text: string): ConditionNode {
  const parser = new ConditionParser(tokenize(text));
  if (parser.peek().type === 'end') throw new ConditionSyntaxError('The conditions are empty.');
  const node = parser.expression();
  const rest = parser.peek();
  if (rest.type !== 'end') throw new ConditionSyntaxError(`Unexpected ${describe(rest)} at character ${rest.position + 1}.`);
  return node;
}

class ConditionParser {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.type !== 'end') this.index += 1;
    return token;
  }

  private atKeyword(keyword: Keyword): boolean {
    const token = this.peek();
    return token.type === 'keyword' && token.keyword === keyword;
  }

  private expect(type: '(' | ')', context: string): void {
    const token = this.next();
    if (token.type !== type) {
      throw new ConditionSyntaxError(`Expected '${type}' ${context}, found ${describe(token)} at character ${token.position + 1}.`);
    }
  }

  expression(): ConditionNode {
    const operands = [this.andGroup()];
    while (this.atKeyword('or')) {
      this.next();
      operands.push(this.andGroup());
    }
    return operands.length === 1 ? operands[0] : { type: 'or', operands };
  }

  private andGroup(): ConditionNode {
    const operands = [this.unary()];
    while (this.atKeyword('and')) {
      this.next();
      operands.push(this.unary());
    }
    return operands.length === 1 ? operands[0] : { type: 'and', operands };
  }

  private unary(): ConditionNode {
    if (this.atKeyword('not')) {
      this.next();
      return { type: 'not', operand: this.unary() };
    }
    if (this.peek().type === '(') {
      this.next();
      const inner = this.expression();
      this.expect(')', 'to close the group');
      return inner;
    }
    return this.predicate();
  }

  private predicate(): ConditionNode {
    const token = this.next();
    if (token.type !== 'field') {
      throw new ConditionSyntaxError(`Expected a field name, found ${describe(token)} at character ${token.position + 1}.`);
    }
    const field: FieldRef = { path: token.path, text: token.text };
    const operatorToken = this.next();
    if (operatorToken.type === 'operator') {
      return { type: 'compare', field, operator: operatorToken.operator, literal: this.literal() };
    }
    let negated = false;
    let wordToken: Token = operatorToken;
    if (wordToken.type === 'keyword' && wordToken.keyword === 'not') {
      negated = true;
      wordToken = this.next();
    }
    if (wordToken.type === 'keyword' && wordToken.keyword === 'in') return { type: 'in', field, negated, literals: this.literalList() };
    if (wordToken.type === 'keyword' && (wordToken.keyword === 'like' || wordToken.keyword === 'contains')) {
      const text = this.stringLiteral();
      const matcher = wordToken.keyword === 'like' ? compileLikeOrThrow(text) : compileContains(text);
      return { type: wordToken.keyword, field, negated, text, matcher };
    }
    throw new ConditionSyntaxError(
      `Expected an operator (=, !=, <, <=, >, >=, contains, like, in, not) after '${field.text}', ` +
        `found ${describe(wordToken)} at character ${wordToken.position + 1}.`,
    );
  }

  private literalList(): Literal[] {
    this.expect('(', "after 'in'");
    const literals = [this.literal()];
    while (this.peek().type === ',') {
      this.next();
      literals.push(this.literal());
    }
    this.expect(')', "to close the 'in' list");
    return literals;
  }

  private stringLiteral(): string {
    const position = this.peek().position;
    const literal = this.literal();
    if (literal.kind !== 'string') {
      throw new ConditionSyntaxError(`${wrongLiteralKindMessage('string', literal.kind)} (at character ${position + 1})`);
    }
    return literal.value;
  }

  private literal(): Literal {
    const token = this.next();
    switch (token.type) {
      case 'string':
        return { kind: 'string', value: token.value };
      case 'number':
        return { kind: 'numeric', value: token.value };
      case 'datetime':
        return { kind: 'datetime', value: token.value, text: token.text };
      case 'keyword':
        if (token.keyword === 'true' || token.keyword === 'false') return { kind: 'boolean', value: token.keyword === 'true' };
        if (token.keyword === 'null') return { kind: 'null' };
        break;
      default:
        break;
    }
    throw new ConditionSyntaxError(`Expected a value, found ${describe(token)} at character ${token.position + 1}. ${LITERAL_GUIDANCE}`);
  }
}

function compileLikeOrThrow(pattern: string): RegExp {
  try {
    return compileLike(pattern);
  } catch {
    // e.g. a reversed bracket range `[z-a]`, which SQL Server also rejects.
    throw new ConditionSyntaxError(`Invalid like pattern "${pattern}".`);
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the conditions';
    case 'field':
      return `'${token.text}'`;
    case 'keyword':
      return `'${token.text}'`;
    case 'operator':
      return `'${token.operator}'`;
    case 'string':
      return `the string "${token.value}"`;
    case 'number':
    case 'datetime':
      return `'${token.text}'`;
    default:
      return `'${token.type}'`;
  }
}
