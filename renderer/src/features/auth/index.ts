export { SignInNotice } from './SignInNotice';
