import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { KeyScope } from '@app/database';

export const KEY_SCOPES: KeyScope[] = ['inference', 'management'];

export class CreateKeyDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsIn(KEY_SCOPES)
  scope?: KeyScope;
}
