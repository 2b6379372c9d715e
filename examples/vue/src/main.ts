// Register the tags before mounting: Vue then sets bindings such as :api-key as element *properties*.
import 'task-elements/define';
import { createApp } from 'vue';
import App from './App.vue';
import './theme.css';

createApp(App).mount('#app');
